//! `decode`: what the page's Decode mode shows, as text or JSON. Nothing is verified here.

use crate::output::outln;
use jwt_debugger::jose::claims::{self, payload_claim_info};
use jwt_debugger::jose::lints::{self, LintContext};
use jwt_debugger::jose::sdjwt;
use jwt_debugger::jose::token::{self, DecodedToken, JweCompact, Token};
use serde_json::{Value, json};

use crate::args::DecodeArgs;
use crate::failure::Failure;
use crate::input;

/// Runs `decode`.
pub fn run(args: &DecodeArgs) -> Result<(), Failure> {
    let text = input::token(args.token.as_deref())?;
    let now = args.at.unwrap_or_else(input::now);
    let report = match token::parse(&text)? {
        Token::Jws(jws) => jws_report(&jws, now),
        Token::Jwe(jwe) => jwe_report(&jwe),
        Token::SdJwt(compact) => {
            let sd = sdjwt::parse(&compact.text)
                .map_err(|e| Failure::Input(format!("the SD-JWT does not read: {e}")))?;
            let mut report = jws_report(&sd.issuer, now);
            let (payload, facts) = crate::sd_jwt::decode_report(&sd, now);
            report["kind"] = json!("SD-JWT");
            report["claims"] = json!(claim_rows(&payload, now));
            report["payload"] = payload;
            report["sd_jwt"] = facts;
            report
        }
    };
    if args.json {
        input::print_json(&report);
    } else {
        print_text(&report);
    }
    Ok(())
}

/// A NumericDate as RFC 3339 (`2026-11-30T20:00:00Z`), for machines.
fn rfc3339(seconds: i64) -> String {
    claims::format_utc(seconds)
        .replacen(' ', "T", 1)
        .replace(" UTC", "Z")
}

/// Each payload member with what the registry says about it, and for time claims the date.
fn claim_rows(payload: &Value, now: i64) -> Vec<Value> {
    let Some(members) = payload.as_object() else {
        return Vec::new();
    };
    members
        .iter()
        .map(|(name, value)| {
            let info = payload_claim_info(name);
            let mut row = json!({
                "name": name,
                "value": value,
                "meaning": info.map(|i| format!("{}: {}", i.title, i.description)),
            });
            if let (Some(true), Some(seconds)) =
                (info.map(|i| i.is_time), claims::numeric_date(value))
            {
                row["utc"] = json!(rfc3339(seconds));
                row["relative"] = json!(claims::humanize_relative(seconds.saturating_sub(now)));
            }
            row
        })
        .collect()
}

fn jws_report(jws: &DecodedToken, now: i64) -> Value {
    let payload = if jws.payload.is_null() {
        json!(jws.payload_json)
    } else {
        jws.payload.clone()
    };
    let findings: Vec<Value> = lints::lint(jws, &LintContext::at(now))
        .iter()
        .map(|f| json!({"id": f.id(), "severity": f.severity.as_str(), "title": f.title()}))
        .collect();
    json!({
        "kind": "JWS",
        "header": jws.header,
        "payload": payload,
        "signature": jws.signature_b64,
        "repairs": jws.diagnoses.iter().map(|d| d.message()).collect::<Vec<_>>(),
        "claims": claim_rows(&jws.payload, now),
        "findings": findings,
    })
}

fn jwe_report(jwe: &JweCompact) -> Value {
    json!({
        "kind": "JWE",
        "header": jwe.header,
        "alg": jwe.alg(),
        "enc": jwe.enc(),
        "encrypted_key_bytes": jwe.encrypted_key.len(),
        "iv_bytes": jwe.iv.len(),
        "ciphertext_bytes": jwe.ciphertext.len(),
        "tag_bytes": jwe.tag.len(),
        "repairs": jwe.diagnoses.iter().map(|d| d.message()).collect::<Vec<_>>(),
    })
}

/// The report as text: the same facts, for people.
fn print_text(report: &Value) {
    let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default();
    outln!(
        "{} header:\n{}",
        report["kind"].as_str().unwrap_or("JWS"),
        pretty(&report["header"])
    );
    if report["kind"] == "JWE" {
        outln!(
            "Encrypted ({} bytes of ciphertext): decrypt it with `jwt-debugger decrypt`.",
            report["ciphertext_bytes"]
        );
    } else {
        match &report["payload"] {
            Value::String(text) => outln!("Payload (not JSON):\n{text}"),
            other => outln!("Payload:\n{}", pretty(other)),
        }
    }
    if let Some(summary) = report["sd_jwt"]["summary"].as_str() {
        outln!("{summary}");
    }
    print_list("Claims", report["claims"].as_array(), |row| {
        let when = match (row["utc"].as_str(), row["relative"].as_str()) {
            (Some(utc), Some(relative)) => format!(" = {utc} ({relative})"),
            _ => String::new(),
        };
        let meaning = row["meaning"]
            .as_str()
            .map(|m| format!("  {m}"))
            .unwrap_or_default();
        format!(
            "{}: {}{when}{meaning}",
            row["name"].as_str().unwrap_or(""),
            row["value"]
        )
    });
    print_list("Repairs", report["repairs"].as_array(), |r| {
        r.as_str().unwrap_or("").to_owned()
    });
    print_list("Findings", report["findings"].as_array(), |f| {
        format!(
            "[{}] {}: {}",
            f["severity"].as_str().unwrap_or(""),
            f["id"].as_str().unwrap_or(""),
            f["title"].as_str().unwrap_or("")
        )
    });
}

fn print_list(title: &str, rows: Option<&Vec<Value>>, line: impl Fn(&Value) -> String) {
    let Some(rows) = rows.filter(|rows| !rows.is_empty()) else {
        return;
    };
    outln!("{title}:");
    for row in rows {
        outln!("  {}", line(row));
    }
}
