//! `lists import` over files the tests generate: xlsx with a title, a section row and the
//! header on row 4, merged category and condition cells, the three numbering styles; CSV in
//! GBK and UTF-8 with BOM; every bad input (each names its row and column, and the
//! published version and ETag stay as they were); export → import round trip; versions and
//! rollback; the command line's exit codes.

mod common;

use std::io::Write;

use common::TestApp;
use enforcement_kiosk::contract::{LenientEntry, ListKind};
use kiosk_server::catalog::{ImportError, ImportOutcome, VersionMeta};
use kiosk_server::import::export::export_workbook;
use kiosk_server::import::lists::ImportOptions;
use kiosk_server::import::Problem;
use rust_xlsxwriter::{Format, Workbook};

fn opts(kind: &str, domain: Option<&str>) -> ImportOptions {
    ImportOptions {
        kind: Some(kind.into()),
        domain: domain.map(str::to_string),
        region: Some("330000".into()),
        source_name: Some("测试清单".into()),
        source_number: Some("测环〔2024〕1号".into()),
        source_date: Some("2024-03-01".into()),
        ..ImportOptions::default()
    }
}

async fn import(
    t: &TestApp,
    name: &str,
    bytes: &[u8],
    o: &ImportOptions,
    dry_run: bool,
) -> Result<ImportOutcome, ImportError> {
    let s = &t.state;
    let meta = VersionMeta {
        created_at: "2026-11-22T10:00:00+08:00".into(),
        actor: "test".into(),
        ..VersionMeta::default()
    };
    let out = s
        .store
        .import_list(
            &s.seed_domains,
            &s.seed_entries,
            name,
            bytes.to_vec(),
            o,
            meta,
            dry_run,
        )
        .await;
    s.reload_catalog().await.unwrap();
    out
}

async fn etag(t: &TestApp) -> String {
    let r = t.get("/api/v1/lenient/catalog").await;
    r.headers["etag"].to_str().unwrap().to_string()
}

/// The import fails, every problem is listed, and nothing changed.
async fn rejected(t: &TestApp, name: &str, bytes: &[u8], o: &ImportOptions) -> Vec<Problem> {
    let before = (etag(t).await, t.state.catalog().published);
    let versions = t.state.store.versions().await.unwrap().len();
    let problems = match import(t, name, bytes, o, false).await {
        Err(ImportError::Rejected(p)) => p,
        other => panic!("expected problems, got {other:?}"),
    };
    assert!(!problems.is_empty());
    assert_eq!((etag(t).await, t.state.catalog().published), before);
    assert_eq!(t.state.store.versions().await.unwrap().len(), versions);
    problems
}

fn has(problems: &[Problem], row: Option<usize>, column: &str, en: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.row == row && p.column.as_deref() == Some(column) && p.en.contains(en)),
        "no problem at row {row:?} column {column:?} containing {en:?} in {problems:#?}"
    );
    let p = problems.iter().find(|p| p.row == row).unwrap();
    assert!(!p.zh.is_empty() && !p.en.is_empty());
}

/// An ecology list as departments publish it: title (merged), 单位 line, section row, the
/// header on row 4, 类别 merged over rows 5-7, a condition cell merged over rows 6-7, a
/// second section and a row numbered "1、…".
fn ecology_xlsx() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 5, "某市生态环境轻微违法行为不予处罚清单", &f)
        .unwrap();
    ws.write_string(1, 0, "单位：（公章）").unwrap();
    ws.merge_range(
        2,
        0,
        2,
        5,
        "一、符合下列情形的轻微违法行为，不予行政处罚",
        &f,
    )
    .unwrap();
    for (c, h) in [
        "序号",
        "类别",
        "违法行为（列举）",
        "法律依据",
        "不予处罚条件",
        "实施主体",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    ws.merge_range(4, 1, 6, 1, "生态环境", &f).unwrap();
    ws.write_string(4, 0, "1").unwrap();
    ws.write_string(4, 2, "建设 项目 未批先建").unwrap();
    ws.write_string(4, 3, "《中华人民共和国环境影响评价法》第三十一条第三款")
        .unwrap();
    ws.write_string(4, 4, "1.初次违法；2.危害后果轻微；3.及时改正")
        .unwrap();
    ws.write_string(4, 5, "市生态环境局").unwrap();
    ws.write_number(5, 0, 2).unwrap();
    ws.write_string(5, 2, "未按规定设置排污口标志").unwrap();
    ws.write_string(5, 3, "中华人民共和国水污染防治法第22条")
        .unwrap();
    ws.merge_range(5, 4, 6, 4, "（一）初次违法；（二）在责令改正期限内改正", &f)
        .unwrap();
    ws.write_number(6, 0, 3).unwrap();
    ws.write_string(6, 2, "危险废物标识不规范").unwrap();
    ws.write_string(6, 3, "固体废物污染环境防治法第七十七条")
        .unwrap();
    ws.merge_range(7, 0, 7, 5, "二、符合下列情形的，可以不予行政处罚", &f)
        .unwrap();
    ws.write_number(8, 0, 4).unwrap();
    ws.write_string(8, 1, "生态环境").unwrap();
    ws.write_string(8, 2, "未公开环境信息").unwrap();
    ws.write_string(8, 3, "企业事业单位环境信息公开办法第十六条")
        .unwrap();
    ws.write_string(8, 4, "1、首次违法\n2、及时补正").unwrap();
    wb.save_to_buffer().unwrap()
}

#[tokio::test]
async fn an_xlsx_with_merged_cells_and_a_header_on_row_four_imports() {
    let t = TestApp::new().await;
    let before = etag(&t).await;
    let o = import(
        &t,
        "生态.xlsx",
        &ecology_xlsx(),
        &opts("minor", None),
        false,
    )
    .await
    .unwrap();
    assert_eq!(o.version, Some(1));
    let e: Vec<&LenientEntry> = o.imported.iter().collect();
    assert_eq!(e.len(), 4, "{e:#?}");
    assert!(e
        .iter()
        .all(|e| e.domain == "ecology" && e.kind == ListKind::Minor));
    assert_eq!(e[0].title, "建设项目未批先建");
    assert_eq!(
        e[0].conditions,
        vec!["初次违法", "危害后果轻微", "及时改正"]
    );
    assert_eq!(e[1].conditions, vec!["初次违法", "在责令改正期限内改正"]);
    assert_eq!(
        e[2].conditions, e[1].conditions,
        "merged condition cell copied down"
    );
    assert_eq!(e[3].conditions, vec!["首次违法", "及时补正"]);
    assert_eq!(
        e[0].penalty_basis,
        "《中华人民共和国环境影响评价法》第三十一条第三款"
    );
    assert_eq!(e[0].region_codes, vec!["330000"]);
    assert_eq!(e[0].source.number, "测环〔2024〕1号");
    assert_eq!(e[0].valid_from, "2024-03-01");
    // Published: served with a new ETag, the seed entries still there.
    assert_ne!(etag(&t).await, before);
    let view = t.state.catalog();
    assert_eq!(view.published, 1);
    assert_eq!(
        view.blob.catalog.entries.len(),
        t.state.seed_entries.len() + 4
    );
    let item = t.get(&format!("/api/v1/lenient/items/{}", e[0].id)).await;
    assert_eq!(item.status, 200);
    // Built by the same catalog path as the seed: structured requirements derived (issue 16).
    let served = view
        .blob
        .catalog
        .entries
        .iter()
        .find(|c| c.entry.id == e[0].id)
        .unwrap();
    assert_eq!(
        served
            .entry
            .requirements
            .as_ref()
            .map(|r| r.conditions.len()),
        Some(3)
    );
}

fn tax_csv() -> String {
    "国家税务总局 首违不罚清单\n序号,违法行为,处罚依据,执行标准,领域\n\
     1,未按规定期限办理纳税申报,《税收征收管理法》第六十二条,\"1.首次发生\n2.危害后果轻微\n3.在税务机关责令限期改正的期限内改正\",税务\n\
     2,未按规定 设置账簿,税收征收管理法第六十条,\"首次发生\n及时改正\",tax\n"
        .to_string()
}

#[tokio::test]
async fn csv_in_gbk_and_in_utf8_with_bom_import_alike() {
    let text = tax_csv();
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(tax_csv().as_bytes());
    let mut got = Vec::new();
    for bytes in [gbk.to_vec(), bom] {
        let t = TestApp::new().await;
        let o = import(&t, "tax.csv", &bytes, &opts("first_violation", None), true)
            .await
            .unwrap();
        assert_eq!(o.version, None, "dry run publishes nothing");
        assert_eq!(t.state.catalog().published, 0);
        got.push(o.imported);
    }
    assert_eq!(got[0], got[1]);
    let e = &got[0];
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].domain, "tax");
    assert_eq!(e[0].conditions.len(), 3);
    assert_eq!(e[1].title, "未按规定设置账簿");
    assert_eq!(e[1].conditions, vec!["首次发生", "及时改正"]);
}

fn csv(rows: &[&str]) -> Vec<u8> {
    rows.join("\n").into_bytes()
}

#[tokio::test]
async fn every_bad_input_names_its_row_and_column_and_changes_nothing() {
    let t = TestApp::new().await;
    // Publish once, so "unchanged" means a real published version too.
    import(
        &t,
        "生态.xlsx",
        &ecology_xlsx(),
        &opts("minor", None),
        false,
    )
    .await
    .unwrap();
    let o = opts("minor", Some("ecology"));

    let p = rejected(&t, "a.csv", &csv(&["标题", "序号,名称,备注", "1,x,y"]), &o).await;
    has(&p, None, "违法行为", "required column 违法行为");
    let p = rejected(&t, "a.csv", &csv(&["序号,违法行为,备注", "1,x,y"]), &o).await;
    has(
        &p,
        Some(1),
        "违法依据/处罚依据/法律依据",
        "required column is missing",
    );
    let p = rejected(
        &t,
        "a.csv",
        &csv(&[
            "序号,违法行为,违法依据,处罚依据",
            "1,甲,第一条,第二条",
            "2,,第一条,第二条",
        ]),
        &o,
    )
    .await;
    has(&p, Some(3), "违法行为", "empty");
    let p = rejected(
        &t,
        "a.csv",
        &csv(&[
            "序号,违法行为,违法依据,处罚依据",
            "1,甲,第一条,第二条",
            "2,乙,,",
        ]),
        &o,
    )
    .await;
    has(&p, Some(3), "违法依据/处罚依据", "neither");
    let p = rejected(
        &t,
        "a.csv",
        &csv(&["序号,违法行为,处罚依据,施行日期", "1,甲,第二条,2024-02-30"]),
        &o,
    )
    .await;
    has(&p, Some(2), "施行日期", "not a date");
    let mut bad_flag = o.clone();
    bad_flag.source_date = Some("下个月".into());
    let p = rejected(
        &t,
        "a.csv",
        &csv(&["违法行为,处罚依据", "甲,第二条"]),
        &bad_flag,
    )
    .await;
    has(&p, None, "--source-date", "not a date");
    let p = rejected(
        &t,
        "a.csv",
        &csv(&[
            "序号,违法行为,处罚依据,清单类型",
            "1,甲,第二条,minor",
            "2,乙,第二条,大概不罚",
        ]),
        &o,
    )
    .await;
    has(&p, Some(3), "清单类型", "unknown list kind");
    let p = rejected(
        &t,
        "a.csv",
        &csv(&["序号,违法行为,处罚依据,领域", "1,甲,第二条,教育"]),
        &o,
    )
    .await;
    has(&p, Some(2), "领域", "unknown domain");
    let mut bad_domain = o.clone();
    bad_domain.domain = Some("education".into());
    let p = rejected(
        &t,
        "a.csv",
        &csv(&["违法行为,处罚依据", "甲,第二条"]),
        &bad_domain,
    )
    .await;
    has(&p, None, "--domain", "unknown domain");
    let p = rejected(
        &t,
        "a.csv",
        &csv(&[
            "序号,违法行为,处罚依据",
            "1,甲,第二条",
            "2,乙,第二条",
            "3,甲 ,第三条",
        ]),
        &o,
    )
    .await;
    has(&p, Some(4), "违法行为", "repeats row 2");
    let p = rejected(&t, "empty.csv", b"", &o).await;
    assert_eq!(p[0].en, "the file is empty");
    let p = rejected(&t, "empty.xlsx", b"   \n", &o).await;
    assert_eq!(p[0].en, "the file is empty");
    let p = rejected(&t, "head.csv", &csv(&["违法行为,处罚依据", ",,"]), &o).await;
    has(&p, Some(1), "违法行为", "no entries");
    let p = rejected(&t, "photo.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &o).await;
    assert!(p[0].en.contains("not a spreadsheet"), "{p:?}");
    let p = rejected(&t, "photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &o).await;
    assert!(p[0].en.contains("not a spreadsheet"), "{p:?}");
    let mut zip = Vec::new();
    {
        let mut w = cfb::CompoundFile::create(std::io::Cursor::new(&mut zip)).unwrap();
        w.create_stream("/EncryptionInfo")
            .unwrap()
            .write_all(b"x")
            .unwrap();
        w.create_stream("/EncryptedPackage")
            .unwrap()
            .write_all(b"y")
            .unwrap();
        w.flush().unwrap();
    }
    let p = rejected(&t, "secret.xlsx", &zip, &o).await;
    assert!(p[0].en.contains("password-protected"), "{p:?}");
    // Several problems are all reported, each with its own row.
    let p = rejected(
        &t,
        "a.csv",
        &csv(&[
            "违法行为,处罚依据,施行日期",
            ",第二条,",
            "乙,,",
            "丙,第三条,明天",
        ]),
        &o,
    )
    .await;
    let rows: Vec<Option<usize>> = p.iter().map(|p| p.row).collect();
    assert_eq!(rows, vec![Some(2), Some(3), Some(4)], "{p:#?}");
}

#[tokio::test]
async fn export_imports_back_to_the_same_catalog() {
    let t = TestApp::new().await;
    let seed_catalog = t.state.catalog().blob.catalog.clone();
    let book = export_workbook(&t.state.seed_entries, &t.state.seed_domains).unwrap();
    let o = import(&t, "export.xlsx", &book, &ImportOptions::default(), false)
        .await
        .unwrap();
    assert_eq!(o.imported.len(), t.state.seed_entries.len());
    for (got, want) in o.imported.iter().zip(&t.state.seed_entries) {
        assert_eq!(got, want);
    }
    assert_eq!(o.catalog, t.state.seed_entries);
    let now = t.state.catalog();
    assert_eq!(now.published, 1);
    assert_eq!(now.blob.catalog.entries, seed_catalog.entries);
    assert_eq!(now.blob.catalog.domains, seed_catalog.domains);
    assert_ne!(now.blob.etag, format!("\"{}\"", seed_catalog.version));
}

#[tokio::test]
async fn versions_rollback_and_replaces() {
    let t = TestApp::new().await;
    let seed_tag = etag(&t).await;
    let first = csv(&["违法行为,处罚依据", "甲,第一条", "乙,第二条"]);
    let mut o = opts("minor", Some("market"));
    o.source_number = Some("市监〔2023〕1号".into());
    import(&t, "v1.csv", &first, &o, false).await.unwrap();
    let v1_tag = etag(&t).await;
    let mut o2 = opts("minor", Some("market"));
    o2.source_number = Some("市监〔2024〕9号".into());
    o2.replaces = Some("市监〔2023〕1号".into());
    let out = import(
        &t,
        "v2.csv",
        &csv(&["违法行为,处罚依据", "丙,第三条"]),
        &o2,
        false,
    )
    .await
    .unwrap();
    assert_eq!(out.version, Some(2));
    let titles: Vec<&str> = out.catalog.iter().map(|e| e.title.as_str()).collect();
    assert!(titles.contains(&"丙") && !titles.contains(&"甲") && !titles.contains(&"乙"));
    let v2_tag = etag(&t).await;
    assert!(seed_tag != v1_tag && v1_tag != v2_tag && seed_tag != v2_tag);
    let vs = t.state.store.versions().await.unwrap();
    assert_eq!(vs.len(), 2);
    assert!(vs[1].in_force && !vs[0].in_force);
    assert_eq!(vs[0].meta.source_file, "v1.csv");
    assert_eq!(vs[0].meta.source_sha256.len(), 64);
    assert_eq!(vs[0].meta.actor, "test");
    assert_eq!(vs[1].meta.replaces, "市监〔2023〕1号");
    t.state.store.rollback(1).await.unwrap();
    t.state.reload_catalog().await.unwrap();
    assert_eq!(etag(&t).await, v1_tag);
    t.state.store.rollback(0).await.unwrap();
    t.state.reload_catalog().await.unwrap();
    assert_eq!(etag(&t).await, seed_tag);
    assert!(t.state.store.rollback(7).await.is_err());
}

#[tokio::test]
async fn a_version_published_by_another_process_is_served_after_the_check_interval() {
    let t = TestApp::new().await;
    let before = etag(&t).await;
    // Another process (a second store on the same database) publishes.
    let other = kiosk_server::store::Store::open_for_command(
        &t.state.config,
        &kiosk_server::seed::SeedData::embedded().unwrap(),
    )
    .await
    .unwrap();
    other
        .publish(&t.state.seed_entries[..3], &VersionMeta::default())
        .await
        .unwrap();
    tokio::time::sleep(kiosk_server::state::CATALOG_CHECK_EVERY).await;
    let after = etag(&t).await;
    assert_ne!(after, before);
    assert_eq!(t.state.catalog().blob.catalog.entries.len(), 3);
}

#[test]
fn a_twenty_thousand_row_ten_megabyte_sheet_parses_in_seconds() {
    use kiosk_server::import::{lists::parse_list, table::read_table, Limits};
    let mut s = String::from("序号,违法行为,违法依据,处罚依据,适用条件\n");
    let filler = "相关法律法规规定的义务条款内容".repeat(8);
    for i in 0..20_000 {
        s.push_str(&format!(
            "{i},违法行为第{i}项,{filler}第{i}条,{filler}第{i}条罚则,\"1.初次违法；2.危害后果轻微；3.及时改正\"\n"
        ));
    }
    assert!(s.len() > 10_000_000, "{}", s.len());
    let start = std::time::Instant::now();
    let table = read_table("big.csv", s.as_bytes(), &Limits::default()).unwrap();
    let seed = kiosk_server::seed::SeedData::embedded().unwrap();
    let entries = parse_list(&table, &opts("minor", Some("tax")), &seed.domains).unwrap();
    assert_eq!(entries.len(), 20_000);
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
    // Past the limits: refused with the limit stated, not parsed.
    let tight = Limits {
        max_rows: 10_000,
        ..Limits::default()
    };
    let e = read_table("big.csv", s.as_bytes(), &tight).unwrap_err();
    assert!(e.en.contains("more than 10000 rows"), "{e}");
    let small = Limits {
        max_bytes: 1024 * 1024,
        ..Limits::default()
    };
    let e = read_table("big.csv", s.as_bytes(), &small).unwrap_err();
    assert!(e.en.contains("limit is 1048576 bytes"), "{e}");
}

#[test]
fn the_command_line_exits_1_on_problems_and_publishes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_kiosk-server");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .env("DATA_DIR", data.path())
            .envs(common::db_env(data.path()))
            .env("SEED_TODAY", common::TODAY)
            .output()
            .unwrap()
    };
    let bad = data.path().join("bad.csv");
    std::fs::write(&bad, "违法行为,处罚依据\n甲,\n").unwrap();
    let out = run(&[
        "lists",
        "import",
        bad.to_str().unwrap(),
        "--kind",
        "minor",
        "--domain",
        "tax",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("第 2 行") && err.contains("row 2"), "{err}");
    let good = data.path().join("good.csv");
    std::fs::write(&good, "违法行为,处罚依据\n甲,第一条\n乙,第二条\n").unwrap();
    let path = good.to_str().unwrap();
    let out = run(&[
        "lists",
        "import",
        path,
        "--kind",
        "minor",
        "--domain",
        "tax",
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("tax") && text.contains("minor") && text.contains("2 entries"),
        "{text}"
    );
    let vs = run(&["lists", "versions"]);
    assert!(
        !String::from_utf8_lossy(&vs.stdout).contains(" 1  "),
        "dry run published"
    );
    let out = run(&[
        "lists", "import", path, "--kind", "minor", "--domain", "tax",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let vs = String::from_utf8_lossy(&run(&["lists", "versions"]).stdout).to_string();
    assert!(vs.contains("* 1") && vs.contains("good.csv"), "{vs}");
    let book = data.path().join("out.xlsx");
    let out = run(&["lists", "export", book.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["lists", "import", book.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["lists", "rollback", "0"]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["lists", "rollback", "99"]);
    assert_eq!(out.status.code(), Some(1));
}

#[tokio::test]
async fn the_halls_own_services_and_windows_replace_the_seeds() {
    let data = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_kiosk-server");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .env("DATA_DIR", data.path())
            .envs(common::db_env(data.path()))
            .env("SEED_TODAY", common::TODAY)
            .output()
            .unwrap()
    };
    let bad = data.path().join("windows-bad.csv");
    std::fs::write(&bad, "窗口编号,窗口名称\nW1,一号窗口\nW1,重复\n").unwrap();
    let out = run(&["windows", "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("第 3 行") && err.contains("窗口编号") && err.contains("repeats row 2"),
        "{err}"
    );
    let (gbk, _, _) = encoding_rs::GB18030
        .encode("大厅窗口表\n窗口编号,窗口名称,所在区域\nW1,一号窗口,一楼\nW2,二号窗口,二楼\n");
    let good = data.path().join("windows.csv");
    std::fs::write(&good, &gbk[..]).unwrap();
    let out = run(&["windows", "import", good.to_str().unwrap(), "--dry-run"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["windows", "import", good.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let services = data.path().join("services.csv");
    std::fs::write(
        &services,
        "事项编号,事项名称,实施部门\nX1,企业开办,市场监管局\n",
    )
    .unwrap();
    let out = run(&["services", "import", services.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A server started on that data dir offers the hall's own, also after a restart.
    let dist = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let state = kiosk_server::AppState::open(common::config(data.path(), dist.path()))
            .await
            .unwrap();
        let app = kiosk_server::router(state);
        let w = common::send(
            &app,
            common::req(axum::http::Method::GET, "/api/v1/windows", &[], None),
        )
        .await;
        let ids: Vec<String> = w
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, vec!["W1", "W2"]);
        assert_eq!(w.json()[0]["zone"], "一楼");
        let s = common::send(
            &app,
            common::req(axum::http::Method::GET, "/api/v1/services", &[], None),
        )
        .await;
        assert_eq!(s.json().as_array().unwrap().len(), 1);
        assert_eq!(s.json()[0]["name"], "企业开办");
    }
}
