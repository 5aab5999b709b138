//! 长辈版 pages through a list a few entries at a time (big 上一页/下一页 buttons instead of a
//! long scroll); the page is in the URL (`page=`) like the rest of the list's state.

/// Entries per page in 长辈版.
pub const ELDER_PAGE: usize = 5;

/// Which page of `count` results is shown: 1-based, clamped into range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageWindow {
    pub page: usize,
    pub pages: usize,
    /// Results before this page.
    pub skip: usize,
    pub take: usize,
}

impl PageWindow {
    /// The window for the `page` parameter as read from the URL (missing, zero, garbage or
    /// past the end all land on a real page).
    pub fn new(count: usize, page: Option<&str>, per: usize) -> PageWindow {
        let per = per.max(1);
        let pages = count.div_ceil(per).max(1);
        let page = page
            .and_then(|p| p.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, pages);
        PageWindow {
            page,
            pages,
            skip: (page - 1) * per,
            take: per,
        }
    }
    pub fn prev(&self) -> Option<usize> {
        (self.page > 1).then(|| self.page - 1)
    }
    pub fn next(&self) -> Option<usize> {
        (self.page < self.pages).then(|| self.page + 1)
    }
}

/// `href` with its `page` parameter set to `page` (page 1 drops the parameter).
pub fn with_page(href: &str, page: usize) -> String {
    let (path, query) = href.split_once('?').unwrap_or((href, ""));
    let mut parts: Vec<String> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("page="))
        .map(str::to_string)
        .collect();
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows() {
        let w = PageWindow::new(12, None, 5);
        assert_eq!((w.page, w.pages, w.skip, w.take), (1, 3, 0, 5));
        assert_eq!((w.prev(), w.next()), (None, Some(2)));
        let w = PageWindow::new(12, Some("3"), 5);
        assert_eq!((w.page, w.skip, w.prev(), w.next()), (3, 10, Some(2), None));
        assert_eq!(PageWindow::new(12, Some("99"), 5).page, 3);
        assert_eq!(PageWindow::new(12, Some("0"), 5).page, 1);
        assert_eq!(PageWindow::new(12, Some("x"), 5).page, 1);
        let empty = PageWindow::new(0, Some("2"), 5);
        assert_eq!((empty.page, empty.pages, empty.next()), (1, 1, None));
    }

    #[test]
    fn page_parameter() {
        assert_eq!(
            with_page("/lenient/list?domain=tax", 2),
            "/lenient/list?domain=tax&page=2"
        );
        assert_eq!(
            with_page("/lenient/list?page=3&q=a", 1),
            "/lenient/list?q=a"
        );
        assert_eq!(with_page("/lenient/list", 4), "/lenient/list?page=4");
        assert_eq!(with_page("/lenient/list?page=2", 1), "/lenient/list");
    }
}
