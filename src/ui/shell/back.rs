//! Where the bottom bar's 返回 goes: one level up in the app, never back through the
//! browser's history (after an idle wipe that history is the last person's).

/// The screen one level above `path` (a pathname, no query). `last_list` is the lenient list
/// the person came from in this session, which an entry goes back to. `None` on the home screen.
pub fn parent_path(path: &str, last_list: Option<&str>) -> Option<String> {
    let path = path.trim_end_matches('/');
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let up = match segs.as_slice() {
        [] => return None,
        ["lenient", "item", id, "check"] => format!("/lenient/item/{id}"),
        ["lenient", "item", ..] => last_list
            .filter(|l| l.starts_with("/lenient/list"))
            .unwrap_or("/lenient")
            .to_string(),
        ["lenient", "list"] => "/lenient".into(),
        ["certs", "item", ..] => "/certs".into(),
        ["reviews", "status", _] => "/reviews/status".into(),
        ["reviews", _, ..] => "/reviews".into(),
        [_] | [_, ..] => "/".into(),
    };
    Some(up)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_level_up() {
        assert_eq!(parent_path("/", None), None);
        assert_eq!(parent_path("", None), None);
        assert_eq!(parent_path("/lenient", None).as_deref(), Some("/"));
        assert_eq!(
            parent_path("/lenient/list", None).as_deref(),
            Some("/lenient")
        );
        assert_eq!(
            parent_path("/lenient/item/x1", None).as_deref(),
            Some("/lenient")
        );
        assert_eq!(
            parent_path("/lenient/item/x1", Some("/lenient/list?domain=tax")).as_deref(),
            Some("/lenient/list?domain=tax")
        );
        // Only a list URL is followed.
        assert_eq!(
            parent_path("/lenient/item/x1", Some("https://evil.example/")).as_deref(),
            Some("/lenient")
        );
        assert_eq!(
            parent_path("/lenient/item/x1/check", None).as_deref(),
            Some("/lenient/item/x1")
        );
        assert_eq!(
            parent_path("/certs/item/ABC", None).as_deref(),
            Some("/certs")
        );
        assert_eq!(parent_path("/certs", None).as_deref(), Some("/"));
        assert_eq!(
            parent_path("/reviews/new", None).as_deref(),
            Some("/reviews")
        );
        assert_eq!(
            parent_path("/reviews/status/R1", None).as_deref(),
            Some("/reviews/status")
        );
        assert_eq!(
            parent_path("/reviews/status", None).as_deref(),
            Some("/reviews")
        );
        assert_eq!(parent_path("/admin", None).as_deref(), Some("/"));
        assert_eq!(
            parent_path("/nowhere/deep/path", None).as_deref(),
            Some("/")
        );
    }
}
