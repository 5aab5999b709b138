//! Geometry of the statistics charts, from plain numbers: the trend's column bars for counts
//! and lines for rates in an SVG user space, and the group bars' lengths. No view code: the
//! widgets draw what this computes, and the numbers are unit-tested natively.
//!
//! The SVG holds shapes only. Every label (axis ticks, months, group names, values) is HTML
//! text laid out around it, so it is sized by the type tokens like all other text, in every
//! form factor and in 长辈版, and never scales with the drawing.

/// SVG user space of the trend's plot. The SVG is stretched to its box
/// (`preserveAspectRatio="none"`, strokes do not scale), so x in user units maps linearly onto
/// the HTML month labels' equal columns below it.
pub const VIEW_W: f64 = 600.0;
pub const VIEW_H: f64 = 240.0;

/// A rectangle in user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Where the data is drawn: the whole user space (the tick labels are HTML beside it).
pub const PLOT: Rect = Rect {
    x: 0.0,
    y: 0.0,
    w: VIEW_W,
    h: VIEW_H,
};

/// Bar lengths as fractions of the longest bar (0.0–1.0): proportional to the largest finite
/// value, at least 1 % for any positive value so it stays visible, 0 for zero, negative or
/// non-finite values.
pub fn bar_fractions(values: &[f64]) -> Vec<f64> {
    let max = values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    values
        .iter()
        .map(|&v| match v {
            v if v.is_finite() && v > 0.0 && max > 0.0 => (v / max).max(0.01),
            _ => 0.0,
        })
        .collect()
}

/// A round axis maximum not below `max`: 1, 2 or 5 × 10ᵏ (at least 1).
pub fn nice_max(max: u64) -> u64 {
    let mut step = 1u64;
    loop {
        for m in [1, 2, 5] {
            let v = step.saturating_mul(m);
            if v >= max || v == u64::MAX {
                return v.max(1);
            }
        }
        step = step.saturating_mul(10);
    }
}

/// The x of the middle of slot `i` of `n` equal slots across `area`.
pub fn slot_x(i: usize, n: usize, area: Rect) -> f64 {
    let n = n.max(1) as f64;
    area.x + area.w * (i as f64 + 0.5) / n
}

/// One column per value, 60 % of its slot wide, as tall as the value against `axis_max`
/// (values above it are cut at the top); zero gives a zero-height column.
pub fn columns(values: &[u64], axis_max: u64, area: Rect) -> Vec<Rect> {
    let n = values.len();
    let slot = area.w / n.max(1) as f64;
    let axis = axis_max.max(1) as f64;
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let h = (*v as f64 / axis).min(1.0) * area.h;
            let w = slot * 0.6;
            Rect {
                x: slot_x(i, n, area) - w / 2.0,
                y: area.y + area.h - h,
                w,
                h,
            }
        })
        .collect()
}

/// The points of a rate line: 0.0 at the bottom of `area`, 1.0 at the top (clamped), one per
/// slot; `None` (nothing to divide by) or a value that is not finite leaves a gap.
pub fn rate_points(values: &[Option<f64>], area: Rect) -> Vec<Option<(f64, f64)>> {
    let n = values.len();
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.filter(|r| r.is_finite()).map(|r| {
                (
                    slot_x(i, n, area),
                    area.y + area.h * (1.0 - r.clamp(0.0, 1.0)),
                )
            })
        })
        .collect()
}

/// SVG path data through the points (one decimal), starting again with `M` after every gap;
/// empty when there is no point.
pub fn path(points: &[Option<(f64, f64)>]) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for p in points {
        match p {
            Some((x, y)) => {
                if !d.is_empty() {
                    d.push(' ');
                }
                d.push(if pen_down { 'L' } else { 'M' });
                d.push_str(&format!("{x:.1} {y:.1}"));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    d
}

/// The month label under a column: `2026-06` → `6月`, or `Jun` in English; anything else as
/// it is.
pub fn month_label(key: &str, english: bool) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match key
        .split_once('-')
        .and_then(|(_, m)| m.parse::<usize>().ok())
        .filter(|m| (1..=12).contains(m))
    {
        Some(m) if english => EN[m - 1].to_string(),
        Some(m) => format!("{m}月"),
        None => key.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: Rect = Rect {
        x: 0.0,
        y: 0.0,
        w: 100.0,
        h: 50.0,
    };

    #[test]
    fn bar_fractions_are_proportional() {
        let f = bar_fractions(&[10.0, 5.0, 0.0, 0.01, f64::NAN, -3.0, f64::INFINITY]);
        assert_eq!(f, vec![1.0, 0.5, 0.0, 0.01, 0.0, 0.0, 0.0]);
        assert_eq!(bar_fractions(&[0.0, 0.0]), vec![0.0, 0.0]);
        assert!(bar_fractions(&[]).is_empty());
    }

    #[test]
    fn the_plot_fills_the_user_space() {
        assert_eq!((PLOT.x, PLOT.y, PLOT.w, PLOT.h), (0.0, 0.0, VIEW_W, VIEW_H));
        // Slot centres of 6 months sit where the HTML labels' equal columns centre.
        assert_eq!(slot_x(0, 6, PLOT), VIEW_W / 12.0);
        assert_eq!(slot_x(5, 6, PLOT), VIEW_W * 11.0 / 12.0);
    }

    #[test]
    fn axis_maxima_are_round() {
        let got: Vec<u64> = [0, 1, 2, 3, 7, 10, 11, 48, 51, 199, 201]
            .into_iter()
            .map(nice_max)
            .collect();
        assert_eq!(got, vec![1, 1, 2, 5, 10, 10, 20, 50, 100, 200, 500]);
        assert_eq!(nice_max(u64::MAX), u64::MAX);
    }

    #[test]
    fn columns_stand_on_the_baseline_in_their_slots() {
        let c = columns(&[10, 5, 0, 30], 20, AREA);
        assert_eq!(c.len(), 4);
        // Slots 25 wide, columns 15 wide, centred.
        assert_eq!((c[0].x, c[0].w), (5.0, 15.0));
        assert_eq!((c[1].x, c[3].x), (30.0, 80.0));
        assert_eq!((c[0].y, c[0].h), (25.0, 25.0));
        assert_eq!((c[1].y, c[1].h), (37.5, 12.5));
        assert_eq!((c[2].y, c[2].h), (50.0, 0.0));
        // Above the axis maximum: cut at the top.
        assert_eq!((c[3].y, c[3].h), (0.0, 50.0));
        assert!(columns(&[], 10, AREA).is_empty());
    }

    #[test]
    fn rate_lines_have_gaps_where_there_is_no_rate() {
        let p = rate_points(
            &[
                Some(1.0),
                Some(0.5),
                None,
                Some(0.0),
                Some(f64::NAN),
                Some(2.0),
            ],
            AREA,
        );
        let x = |i: usize| slot_x(i, 6, AREA);
        assert_eq!(p[0], Some((x(0), 0.0)));
        assert_eq!(p[1], Some((x(1), 25.0)));
        assert_eq!(p[2], None);
        assert_eq!(p[3], Some((x(3), 50.0)));
        assert_eq!(p[4], None);
        assert_eq!(p[5], Some((x(5), 0.0)));
        assert_eq!(
            path(&p),
            format!(
                "M{:.1} 0.0 L{:.1} 25.0 M{:.1} 50.0 M{:.1} 0.0",
                x(0),
                x(1),
                x(3),
                x(5)
            )
        );
        assert_eq!(path(&[None, None]), "");
    }

    #[test]
    fn month_labels() {
        assert_eq!(month_label("2026-06", false), "6月");
        assert_eq!(month_label("2026-11", true), "Nov");
        assert_eq!(month_label("2026-13", true), "2026-13");
        assert_eq!(month_label("none", false), "none");
    }
}
