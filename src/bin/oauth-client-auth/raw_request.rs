//! A captured raw HTTP/1.1 request (start line, headers, blank line, body), as `curl -v`
//! (`> ` before each line) or a proxy log shows it, with LF or CRLF line ends.

/// The parts of a captured request that client authentication reads.
#[derive(Debug)]
pub(crate) struct RawRequest {
    /// The method, e.g. `POST`.
    pub(crate) method: String,
    /// The request target, e.g. `/token`.
    pub(crate) path: String,
    /// Header name/value pairs in arrival order.
    pub(crate) headers: Vec<(String, String)>,
    /// The body, as text.
    pub(crate) body: String,
}

/// The most header lines read.
const MAX_HEADERS: usize = 128;

/// Parses a captured request.
pub(crate) fn parse(text: &str) -> Result<RawRequest, String> {
    let unquoted = strip_curl_prefix(text);
    let bytes = unquoted.as_bytes();
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let head_len = match request.parse(bytes) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err("the request ends before the blank line that closes its headers".into())
        }
        Err(e) => return Err(format!("the request is not HTTP/1.x: {e}")),
    };
    let path = request.path.unwrap_or("/").to_owned();
    let method = request.method.unwrap_or("POST").to_owned();
    let mut pairs = Vec::new();
    let mut content_length = None;
    for h in request.headers.iter() {
        let value = std::str::from_utf8(h.value)
            .map_err(|_| format!("the value of header {} is not UTF-8", h.name))?
            .to_owned();
        if h.name.eq_ignore_ascii_case("content-length") {
            content_length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("Content-Length {value:?} is not a number"))?,
            );
        }
        pairs.push((h.name.to_owned(), value));
    }
    let rest = bytes.get(head_len..).unwrap_or_default();
    let body = match content_length {
        Some(n) if n <= rest.len() => rest.get(..n).unwrap_or_default(),
        Some(n) => {
            return Err(format!(
                "Content-Length is {n} but the captured body has {} bytes",
                rest.len()
            ))
        }
        // No length: the rest, less the line end a log or an editor adds at the end.
        None => trim_line_end(rest),
    };
    let body = String::from_utf8(body.to_vec()).map_err(|_| "the body is not UTF-8".to_owned())?;
    Ok(RawRequest {
        method,
        path,
        headers: pairs,
        body,
    })
}

/// `curl -v` shows the request as lines starting with `> `: strip that prefix when the first
/// line has it.
fn strip_curl_prefix(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.starts_with("> ") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let line = line
            .strip_prefix("> ")
            .or_else(|| line.strip_prefix('>').filter(|l| l.trim().is_empty()))
            .unwrap_or(line);
        out.push_str(line);
    }
    out.into()
}

fn trim_line_end(mut b: &[u8]) -> &[u8] {
    while let [head @ .., b'\n' | b'\r'] = b {
        b = head;
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_lf_requests_read_alike() {
        let lf = "POST /token HTTP/1.1\nHost: as.example.com\nAuthorization: Basic abc\n\
                  Content-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials\n";
        let crlf = lf.replace('\n', "\r\n");
        for text in [lf.to_owned(), crlf] {
            let r = parse(&text).unwrap();
            assert_eq!(r.path, "/token");
            assert_eq!(r.headers.len(), 3);
            assert_eq!(r.headers[1], ("Authorization".into(), "Basic abc".into()));
            assert_eq!(r.body, "grant_type=client_credentials");
        }
    }

    #[test]
    fn content_length_bounds_the_body_and_curl_prefixes_go() {
        let text = "> POST /par HTTP/1.1\n> Content-Length: 3\n>\nabcdef";
        let r = parse(text).unwrap();
        assert_eq!(r.path, "/par");
        assert_eq!(r.body, "abc");
        assert!(parse("POST /token HTTP/1.1\nContent-Length: 9\n\nab").is_err());
        assert!(parse("POST /token HTTP/1.1\nHost: x\n").is_err());
        assert!(parse("not http at all\n\n").is_err());
    }
}
