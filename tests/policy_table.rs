#![cfg(not(target_arch = "wasm32"))]
//! The policy table (issue 17): at least 40 token/policy/moment cases, each judged by the core
//! (`evaluate`), by the command line (`jwt-debugger verify --policy FILE --at T`) and by the
//! code `Export as` writes for PyJWT and for node `jose`, run for real
//! (tests/policy_support/judges.rs says how, and how the moment is injected). All must give the
//! case's answer; where a library refuses what the policy accepts, the case says so (a
//! `Stricter` note: which library, why, and the error it must refuse with).
//!
//! The page is the fifth judge: this test writes the cases with their tokens to
//! `target/policy-table/cases.json`, and tests/e2e/policy_table.test.mjs opens each in the
//! built page (its share link, the key typed in, `Evaluate at` set) and reads `Policy result`.
//!
//! PyJWT comes from PyPI, pinned, installed by tests/support/toolchain.sh (`ensure_pyjwt`, which
//! `make test` runs first and this test runs again when PyJWT is missing); `jose` from
//! tests/package-lock.json (`npm ci` in tests/). A missing library fails the test.
//!
//! `cargo test --test policy_table -- --nocapture` prints the table.

mod jose_support;
mod policy_support;

use jwt_debugger::jose::policy::PolicyReport;
use policy_support::Keys;
use policy_support::cases::{self, Case, Library};
use policy_support::judges::{Verdict, command_line, judge};
use serde_json::json;

const LIBRARIES: [Library; 2] = [Library::PyJwt, Library::NodeJose];

/// What a library must answer: the case's answer, or a refusal where it is documented stricter.
fn expected(case: &Case, library: Library) -> bool {
    case.accept && !case.stricter.iter().any(|s| s.library == library)
}

/// The disagreements of one case, as lines (none when every judge answers as the case says).
fn disagreements(case: &Case, core: &PolicyReport, verdicts: &[(Library, Verdict)]) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(rule) = case.fails
        && core.rule(rule).is_none_or(|r| r.passed)
    {
        lines.push(format!(
            "{}: the core's {rule} rule did not fail",
            case.name
        ));
    }
    if core.accepted != case.accept {
        let failed: Vec<String> = core.failed().map(|r| r.line()).collect();
        lines.push(format!(
            "{}: the core {} (failed rules: {failed:?}); expected {}",
            case.name,
            answer(core.accepted),
            answer(case.accept)
        ));
    }
    for (library, verdict) in verdicts {
        let want = expected(case, *library);
        if verdict.accepted() != want {
            lines.push(format!(
                "{}: {library:?} answered {verdict:?}; expected {}",
                case.name,
                answer(want)
            ));
        }
        for note in case.stricter.iter().filter(|s| s.library == *library) {
            match verdict {
                Verdict::Reject(error) if error.contains(note.error) => {}
                other => lines.push(format!(
                    "{}: {library:?} is documented stricter ({}) with {:?}, but answered {other:?}",
                    case.name, note.why, note.error
                )),
            }
        }
    }
    lines
}

fn answer(accepted: bool) -> &'static str {
    if accepted { "accepts" } else { "rejects" }
}

/// One judged case: its token, the core's report, the command line's verdict and the
/// libraries'.
struct Judged {
    token: String,
    core: PolicyReport,
    cli: Verdict,
    verdicts: Vec<(Library, Verdict)>,
}

fn judge_case(keys: &Keys, index: usize, case: &Case) -> Judged {
    let token = keys.token(case);
    let core = keys.core(case, &token);
    let dir = keys.case_dir(case, index);
    let cli = command_line(case, &dir, &token);
    let verdicts = LIBRARIES
        .iter()
        .map(|&library| (library, judge(library, &dir, &token, case.at)))
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    Judged {
        token,
        core,
        cli,
        verdicts,
    }
}

/// The command line must answer as the core does: it is the core, behind flags and files.
fn cli_disagreement(case: &Case, judged: &Judged) -> Option<String> {
    (judged.cli.accepted() != case.accept).then(|| {
        format!(
            "{}: the command line answered {:?}; expected {}",
            case.name,
            judged.cli,
            answer(case.accept)
        )
    })
}

/// The cases as the page judges them (tests/e2e/policy_table.test.mjs): the token, the policy,
/// which key the page is given (the secret for HS*, `jwks.json` when a `kid` is required, none
/// for a DPoP proof, else `public.pem`), the moment and the answer.
fn write_page_cases(keys: &Keys, cases: &[Case], judged: &[(usize, Judged)]) {
    let rows: Vec<_> = judged
        .iter()
        .map(|(i, judged)| {
            let case = &cases[*i];
            json!({
                "name": case.name,
                "token": judged.token,
                "policy": case.policy.to_json(),
                "key": keys.page_key(case, &judged.token),
                "at": case.at,
                "accept": case.accept,
                "fails": case.fails,
            })
        })
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/policy-table");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let text = serde_json::to_string_pretty(&rows).unwrap_or_default();
    std::fs::write(dir.join("cases.json"), text).unwrap_or_else(|e| panic!("cases.json: {e}"));
}

/// The case's row of the printed table; with `POLICY_TABLE_REASONS` set, every refusal's reason.
fn row(case: &Case, judged: &Judged) -> String {
    let mark = |accepted: bool| if accepted { "accept" } else { "reject" };
    let mut row = format!(
        "{:<52} {:<7} {:<7} {:<7} {:<7} {:<7}",
        case.name,
        mark(case.accept),
        mark(judged.core.accepted),
        mark(judged.cli.accepted()),
        mark(judged.verdicts[0].1.accepted()),
        mark(judged.verdicts[1].1.accepted())
    );
    if std::env::var_os("POLICY_TABLE_REASONS").is_some() {
        for rule in judged.core.failed() {
            row.push_str(&format!("\n    core: {}", rule.line()));
        }
        for (library, verdict) in &judged.verdicts {
            if let Verdict::Reject(why) = verdict {
                row.push_str(&format!("\n    {library:?}: {why}"));
            }
        }
    }
    row
}

#[test]
fn the_core_the_command_line_pyjwt_and_jose_agree_on_every_case() {
    let keys = Keys::load();
    let cases = cases::all();
    // Two workers: most of the time is Python and node starting up.
    let workers = 2;
    let judged: Vec<(usize, Judged)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let (keys, cases) = (&keys, &cases);
                scope.spawn(move || {
                    let mine = cases.iter().enumerate().skip(worker).step_by(workers);
                    mine.map(|(i, case)| (i, judge_case(keys, i, case)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all: Vec<(usize, Judged)> = handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect();
        all.sort_by_key(|(i, _)| *i);
        all
    });
    println!(
        "{:<52} {:<7} {:<7} {:<7} {:<7} {:<7}",
        "case", "answer", "core", "CLI", "PyJWT", "jose"
    );
    let mut problems = Vec::new();
    for (i, judged) in &judged {
        let case = &cases[*i];
        println!("{}", row(case, judged));
        problems.extend(disagreements(case, &judged.core, &judged.verdicts));
        problems.extend(cli_disagreement(case, judged));
    }
    write_page_cases(&keys, &cases, &judged);
    assert!(
        problems.is_empty(),
        "the judges disagree:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_table_is_at_least_40_cases_with_both_answers() {
    let cases = cases::all();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let accepted = cases.iter().filter(|c| c.accept).count();
    assert!(
        accepted >= 10 && cases.len() - accepted >= 10,
        "{accepted} of {} accepted",
        cases.len()
    );
    let mut names: Vec<&str> = cases.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names are unique");
}

#[test]
fn rejections_name_their_rule_and_stricter_notes_their_error() {
    for case in cases::all() {
        assert_eq!(
            case.fails.is_some(),
            !case.accept,
            "{}: a rejected case names the core rule that fails",
            case.name
        );
        for note in &case.stricter {
            assert!(
                case.accept,
                "{}: stricter than a rejection means nothing",
                case.name
            );
            assert!(
                !note.why.is_empty() && !note.error.is_empty(),
                "{}",
                case.name
            );
        }
    }
}
