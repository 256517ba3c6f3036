//! Duplicate member names in JSON text.
//!
//! `serde_json` keeps the last of two members with the same name, while other parsers keep the
//! first or refuse: a header `{"alg":"none","alg":"RS256"}` can show one algorithm in this page
//! and mean the other to a server. RFC 7515 §5.2 and RFC 7519 §4 let a verifier reject such
//! JSON, and this page does. Names are compared after unescaping, so `"a\u006cg"` duplicates
//! `"alg"`.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// At most this many duplicates are reported: hostile JSON must not flood the page.
const MAX_REPORTED: usize = 16;

/// The member names that occur more than once in one object of `json`, as dotted paths from the
/// top (`"alg"`, `"address.street"`, `"list[2].a"`), in document order, each at most once.
/// Text that is not valid JSON has none (its parse error is reported elsewhere).
pub fn duplicate_members(json: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let seed = Walk {
        path: String::new(),
        found: &mut found,
    };
    // A parse error only ends the walk early; what was found until then stands.
    let _ = seed.deserialize(&mut deserializer);
    found
}

/// One JSON value being walked, at `path`, collecting duplicates into `found`.
struct Walk<'a> {
    path: String,
    found: &'a mut Vec<String>,
}

impl Walk<'_> {
    fn child(&mut self, path: String) -> Walk<'_> {
        Walk {
            path,
            found: self.found,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        loop {
            let path = format!("{}[{index}]", self.path);
            if seq.next_element_seed(self.child(path))?.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(name) = map.next_key::<String>()? {
            let path = if self.path.is_empty() {
                name.clone()
            } else {
                format!("{}.{name}", self.path)
            };
            if !seen.insert(name) && self.found.len() < MAX_REPORTED && !self.found.contains(&path)
            {
                self.found.push(path.clone());
            }
            map.next_value_seed(self.child(path))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::duplicate_members;

    #[test]
    fn finds_duplicates_at_every_depth_after_unescaping() {
        assert_eq!(
            duplicate_members(r#"{"alg":"none","alg":"RS256"}"#),
            ["alg"]
        );
        assert_eq!(duplicate_members(r#"{"a\u006cg":1,"alg":2}"#), ["alg"]);
        assert_eq!(
            duplicate_members(r#"{"a":{"b":1,"b":2},"l":[{"c":1,"c":1}],"a":0}"#),
            ["a.b", "l[0].c", "a"]
        );
        // Three of a name is one duplicate.
        assert_eq!(duplicate_members(r#"{"x":1,"x":2,"x":3}"#), ["x"]);
    }

    #[test]
    fn nothing_for_distinct_names_or_invalid_json() {
        assert!(duplicate_members(r#"{"a":1,"b":{"a":2},"c":[1,"a",null,true,1.5]}"#).is_empty());
        assert!(duplicate_members("[1, 2]").is_empty());
        assert!(duplicate_members("not json").is_empty());
        // The walk stops at the error but keeps what it found before it.
        assert_eq!(duplicate_members(r#"{"a":1,"a":2,"b":"#), ["a"]);
    }

    #[test]
    fn the_report_is_bounded() {
        let many: String = (0..100)
            .map(|i| format!("\"k{i}\":1,\"k{i}\":2,"))
            .collect();
        let json = format!("{{{many}\"end\":0}}");
        assert_eq!(duplicate_members(&json).len(), 16);
    }
}
