//! The reducer's tests.

use super::*;

fn reduce(state: PageState, action: Action) -> PageState {
    (*Rc::new(state).reduce(action)).clone()
}

#[test]
fn starts_in_decode_mode_with_the_example() {
    let state = PageState::default();
    assert_eq!(state.mode, Mode::Decode);
    assert_eq!(state.token.split('.').count(), 3);
    assert!(state.public_key.starts_with("-----BEGIN PUBLIC KEY-----"));
}

#[test]
fn set_token_keeps_the_text_exactly() {
    let next = reduce(PageState::default(), Action::SetToken(" a.b.c\n".into()));
    assert_eq!(next.token, " a.b.c\n");
    assert_eq!(next.mode, Mode::Decode);
}

#[test]
fn encoding_then_decoding_carries_the_signed_token_and_keeps_a_users_key() {
    let state = reduce(
        PageState::default(),
        Action::StartEncoding {
            header: "{}".into(),
            payload: "{\"a\":1}".into(),
            disclosable: None,
        },
    );
    assert_eq!(state.mode, Mode::Encode);
    assert_eq!(state.payload_text, "{\"a\":1}");
    let state = reduce(state, Action::SetPublicKey("mine".into()));
    let state = reduce(
        state,
        Action::StartDecoding {
            token: Some("x.y.z".into()),
            public_key: None,
            detached_payload: None,
            decryption_key: None,
        },
    );
    assert_eq!(state.mode, Mode::Decode);
    assert_eq!(state.token, "x.y.z");
    assert_eq!(state.public_key, "mine");
}

fn decode_with_key(state: PageState, pem: &str) -> PageState {
    let state = reduce(
        state,
        Action::StartEncoding {
            header: "{}".into(),
            payload: "{}".into(),
            disclosable: None,
        },
    );
    reduce(
        state,
        Action::StartDecoding {
            token: Some("x.y.z".into()),
            public_key: Some(pem.into()),
            detached_payload: None,
            decryption_key: None,
        },
    )
}

/// Encode mode's JWE goes to Decode mode with the shared secret it was made with, unless the
/// Decryption key box already holds a key.
#[test]
fn switching_to_decode_brings_the_jwe_secret_into_an_empty_decryption_box() {
    let decode = |state: PageState| {
        reduce(
            state,
            Action::StartDecoding {
                token: Some("a.b.c.d.e".into()),
                public_key: None,
                detached_payload: None,
                decryption_key: Some("secret".into()),
            },
        )
    };
    let state = decode(PageState::default());
    assert_eq!(
        (state.token.as_str(), state.decryption_key.as_str()),
        ("a.b.c.d.e", "secret")
    );
    let mine = reduce(
        PageState::default(),
        Action::SetDecryptionKey("mine".into()),
    );
    assert_eq!(decode(mine).decryption_key, "mine");
}

/// A key the user pasted survives switching Encode to Decode, even when the signing key's
/// public half is offered.
#[test]
fn switching_to_decode_never_replaces_a_pasted_public_key() {
    let pasted = reduce(
        PageState::default(),
        Action::SetPublicKey("-----BEGIN PUBLIC KEY-----\nmine".into()),
    );
    let state = decode_with_key(pasted, "derived");
    assert_eq!(state.public_key, "-----BEGIN PUBLIC KEY-----\nmine");
    // Again after a second round trip.
    let state = decode_with_key(state, "derived-2");
    assert_eq!(state.public_key, "-----BEGIN PUBLIC KEY-----\nmine");
}

/// An empty box, the example's key, or what the previous switch put there follows the
/// signing key.
#[test]
fn switching_to_decode_fills_an_empty_or_page_filled_public_key() {
    let state = decode_with_key(PageState::default(), "derived-1");
    assert_eq!(state.public_key, "derived-1", "the example key is replaced");
    let state = decode_with_key(state, "derived-2");
    assert_eq!(
        state.public_key, "derived-2",
        "the page's own fill is replaced"
    );
    let emptied = reduce(state, Action::SetPublicKey("  ".into()));
    let state = decode_with_key(emptied, "derived-3");
    assert_eq!(state.public_key, "derived-3", "an empty box is filled");
}

#[test]
fn a_generated_encryption_key_sets_the_key_and_its_algorithms_only() {
    let on = reduce(
        PageState::default(),
        Action::SetEncryption(EncryptionInputs {
            on: true,
            ..EncryptionInputs::default()
        }),
    );
    let state = reduce(
        on,
        Action::UseEncryptionKey {
            key: "{\"kty\":\"OKP\"}".into(),
            alg: "ECDH-ES".into(),
            enc: None,
        },
    );
    let e = &state.encryption;
    assert!(e.on);
    assert_eq!((e.alg.as_str(), e.enc.as_str()), ("ECDH-ES", "A256GCM"));
    assert_eq!(e.key, "{\"kty\":\"OKP\"}");
    let dir = Action::UseEncryptionKey {
        key: "k".into(),
        alg: "dir".into(),
        enc: Some("A128GCM".into()),
    };
    let state = reduce(state, dir);
    assert_eq!(
        (state.encryption.alg.as_str(), state.encryption.enc.as_str()),
        ("dir", "A128GCM")
    );
}

#[test]
fn debug_never_prints_secrets() {
    let state = PageState {
        secret: "hunter2-very-secret".into(),
        ..PageState::default()
    };
    let shown = format!("{state:?}");
    assert!(!shown.contains("hunter2"));
    assert!(!shown.contains("PRIVATE KEY"));
}

/// Dropping a disclosure of a pasted SD-JWT+KB leaves a presentation without it and without
/// the Key Binding JWT (its sd_hash covered the dropped one); a wrong index changes nothing.
#[test]
fn dropping_a_disclosure_drops_it_and_the_key_binding() {
    let pasted = reduce(
        PageState::default(),
        Action::SetToken("h.p.s~d1~d2~d3~kb.jwt.sig".into()),
    );
    let dropped = reduce(pasted.clone(), Action::DropDisclosure(1));
    assert_eq!(dropped.token, "h.p.s~d1~d3~");
    let again = reduce(dropped, Action::DropDisclosure(2));
    assert_eq!(again.token, "h.p.s~d1~d3~");
    assert_eq!(
        reduce(pasted, Action::DropDisclosure(0)).token,
        "h.p.s~d2~d3~"
    );
}

#[test]
fn encoding_a_decoded_sd_jwt_lists_its_disclosures_and_the_preset_clears_them() {
    let sd = |pointers: Option<&str>| Action::StartEncoding {
        header: "{}".into(),
        payload: "{}".into(),
        disclosable: pointers.map(str::to_owned),
    };
    let state = reduce(PageState::default(), sd(Some("/a\n/b/0")));
    assert_eq!(state.sd_issue.pointer_list(), ["/a", "/b/0"]);
    // A token that is no SD-JWT keeps what the user listed.
    let state = reduce(state, sd(None));
    assert_eq!(state.sd_issue.pointers, "/a\n/b/0");
    let state = reduce(state, sd(Some("")));
    assert!(state.sd_issue.pointer_list().is_empty());
}
