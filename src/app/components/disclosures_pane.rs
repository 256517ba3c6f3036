//! The `Disclosures` region, shown for a pasted SD-JWT (RFC 9901): the `role="status"` named
//! `Key binding status`, each disclosure (claim or array element, value, salt, digest, and
//! where the payload references it), the digests without a disclosure, and every reason a
//! verifier rejects the token.

use yew::prelude::*;

use super::copy_button::CopyButton;
use crate::app::hooks::use_sd_jwt::SdJwtReview;
use crate::app::sd_jwt::DisclosureRow;

/// Props of [`DisclosuresPane`].
#[derive(Properties, PartialEq)]
pub struct DisclosuresPaneProps {
    /// The worker's review, or why there is none yet.
    pub review: SdJwtReview,
    /// Called with a disclosure's index to drop it from the presentation.
    pub ondrop: Callback<usize>,
}

/// One disclosure's line, with its Drop button.
fn row(index: usize, d: &DisclosureRow, ondrop: &Callback<usize>) -> Html {
    let claim = match &d.name {
        Some(name) => name.clone(),
        None => "array element".to_owned(),
    };
    let (place, class) = match &d.at {
        Some(at) => (format!("at {at}"), "rule-ok"),
        None => ("referenced nowhere".to_owned(), "rule-bad"),
    };
    html! {
        <li class={class}>
            <span class="rule-mark">{ format!("#{}", index + 1) }</span>{ " " }
            <code>{ claim }</code>{ ": " }<code>{ d.value.clone() }</code>
            { format!(" ({place}; salt {}; digest ", d.salt) }<code>{ d.digest.clone() }</code>{ ") " }
            <button type="button" class="drop-button" aria-label={format!("Drop disclosure {}", index + 1)}
                onclick={ondrop.reform(move |_| index)}>{ "Drop" }</button>
        </li>
    }
}

/// The region.
#[function_component(DisclosuresPane)]
pub fn disclosures_pane(props: &DisclosuresPaneProps) -> Html {
    let Some(review) = &props.review else {
        return Html::default();
    };
    let body = match review {
        Err(why) => html! {
            <p class="status status-neutral" role="status" aria-label="Key binding status">{ format!("Not checked: {why}") }</p>
        },
        Ok(view) => html! {
            <>
                <p class={classes!("status", view.key_binding.class.clone())} role="status" aria-label="Key binding status">
                    { view.key_binding.text.clone() }
                </p>
                <p class="note">
                    { format!("{} disclosure(s), digests {}; {} digest(s) without a disclosure (decoys or claims not disclosed). The Payload pane shows the claims with the disclosures in place. Drop makes a presentation that discloses less (without the Key Binding JWT, which covered every disclosure: the holder signs a new one).",
                        view.disclosures.len(), view.sd_alg, view.undisclosed) }
                </p>
                <ul class="policy-rules" aria-label="Disclosure list">
                    { for view.disclosures.iter().enumerate().map(|(i, d)| row(i, d, &props.ondrop)) }
                </ul>
                if !view.rejections.is_empty() {
                    <ul class="policy-rules" aria-label="Why a verifier rejects it">
                        { for view.rejections.iter().map(|why| html! {
                            <li class="rule-bad"><span class="rule-mark">{ "reject" }</span>{ " " }{ why.clone() }</li>
                        }) }
                    </ul>
                }
                <CopyButton text={AttrValue::from(view.summary.clone())} label="Copy disclosures" />
            </>
        },
    };
    html! {
        <section class="pane pane-disclosures" aria-labelledby="disclosures-heading">
            <h2 id="disclosures-heading">{ "Disclosures" }</h2>
            { body }
        </section>
    }
}
