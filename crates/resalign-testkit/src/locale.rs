//! The fixed wording of mastheads, origin lines and dates in English and Spanish, as UN
//! documents print them.

use resalign_core::{Date, Language, Organ};

use crate::rng::Rng;

/// `25 July 2013` / `19 de diciembre de 2017`.
pub(crate) fn date(language: Language, date: Date) -> String {
    date.in_words(language)
}

pub(crate) fn organ_name(language: Language, organ: &Organ) -> &str {
    organ.name(language)
}

/// The organ as the object of "adopted by": `the General Assembly`, `la Asamblea General`.
fn organ_with_article(language: Language, organ: &Organ) -> String {
    let name = organ_name(language, organ);
    let article = match (language, organ) {
        (_, Organ::Other(_)) => "",
        (Language::En, _) => "the ",
        (Language::Es, Organ::GeneralAssembly) => "la ",
        (Language::Es, _) => "el ",
    };
    format!("{article}{name}")
}

pub(crate) fn united_nations(language: Language) -> &'static str {
    match language {
        Language::En => "United Nations",
        Language::Es => "Naciones Unidas",
    }
}

pub(crate) fn distribution(language: Language) -> &'static str {
    match language {
        Language::En => "Distr.: General",
        Language::Es => "Distr. general",
    }
}

/// `Agenda item 14 (c)`, `Tema 107 del programa`, `Tema 3 de la agenda` (Human Rights Council).
pub(crate) fn agenda_item(language: Language, organ: Option<&Organ>, item: &str) -> String {
    let several = item.contains(" and ") || item.contains(" y ") || item.contains(',');
    match (language, several, organ) {
        (Language::En, false, _) => format!("Agenda item {item}"),
        (Language::En, true, _) => format!("Agenda items {item}"),
        (Language::Es, false, Some(Organ::HumanRightsCouncil)) => {
            format!("Tema {item} de la agenda")
        }
        (Language::Es, true, Some(Organ::HumanRightsCouncil)) => {
            format!("Temas {item} de la agenda")
        }
        (Language::Es, false, _) => format!("Tema {item} del programa"),
        (Language::Es, true, _) => format!("Temas {item} del programa"),
    }
}

/// `Resolution adopted by the General Assembly on 19 December 2017`.
pub(crate) fn adopted_by(language: Language, organ: &Organ, on: Option<Date>) -> String {
    let by = organ_with_article(language, organ);
    match (language, on) {
        (Language::En, Some(on)) => {
            format!("Resolution adopted by {by} on {}", date(language, on))
        }
        (Language::En, None) => format!("Resolution adopted by {by}"),
        (Language::Es, Some(on)) => {
            format!("Resolución aprobada por {by} el {}", date(language, on))
        }
        (Language::Es, None) => format!("Resolución aprobada por {by}"),
    }
}

/// The Security Council's title line: `Resolution 2618 (2022)`.
pub(crate) fn council_resolution(language: Language, number: &str) -> String {
    match language {
        Language::En => format!("Resolution {number}"),
        Language::Es => format!("Resolución {number}"),
    }
}

/// The Security Council's adoption line, which carries the meeting instead of a closing.
pub(crate) fn council_adoption(
    language: Language,
    meeting: Option<&str>,
    on: Option<Date>,
) -> String {
    let mut line = match language {
        Language::En => "Adopted by the Security Council".to_string(),
        Language::Es => "Aprobada por el Consejo de Seguridad".to_string(),
    };
    if let Some(meeting) = meeting {
        line.push_str(match language {
            Language::En => " at its ",
            Language::Es => " en su ",
        });
        line.push_str(meeting);
    }
    if let Some(on) = on {
        line.push_str(match (language, meeting.is_some()) {
            (Language::En, true) => ", on ",
            (Language::En, false) => " on ",
            (Language::Es, true) => ", celebrada el ",
            (Language::Es, false) => " el ",
        });
        line.push_str(&date(language, on));
    }
    line
}

/// The origin line without its brackets: `on the report of the Third Committee (A/72/440)`.
/// The body it names is not in the model, so it is drawn from the usual ones.
pub(crate) fn origin(
    language: Language,
    organ: Option<&Organ>,
    symbols: &str,
    rng: &mut Rng,
) -> String {
    let without_committee = symbols.contains("/L.");
    match (language, organ, without_committee) {
        (Language::En, _, true) => format!("without reference to a Main Committee ({symbols})"),
        (Language::Es, _, true) => {
            format!("sin remisión previa a una Comisión Principal ({symbols})")
        }
        (Language::En, Some(Organ::EconomicAndSocialCouncil), false) => {
            let body = rng.pick(&[
                "Commission on Crime Prevention and Criminal Justice",
                "Commission for Social Development",
                "Commission on the Status of Women",
                "Commission on Narcotic Drugs",
            ]);
            format!("on the recommendation of the {body} ({symbols})")
        }
        (Language::Es, Some(Organ::EconomicAndSocialCouncil), false) => {
            let body = rng.pick(&[
                "Comisión de Prevención del Delito y Justicia Penal",
                "Comisión de Desarrollo Social",
                "Comisión de la Condición Jurídica y Social de la Mujer",
                "Comisión de Estupefacientes",
            ]);
            format!("por recomendación de la {body} ({symbols})")
        }
        (Language::En, _, false) => {
            let body = rng.pick(&[
                "First Committee",
                "Second Committee",
                "Third Committee",
                "Fifth Committee",
                "Sixth Committee",
                "Special Political and Decolonization Committee (Fourth Committee)",
            ]);
            format!("on the report of the {body} ({symbols})")
        }
        (Language::Es, _, false) => {
            let body = rng.pick(&[
                "Primera Comisión",
                "Segunda Comisión",
                "Tercera Comisión",
                "Quinta Comisión",
                "Sexta Comisión",
                "Comisión Política Especial y de Descolonización (Cuarta Comisión)",
            ]);
            format!("sobre la base del informe de la {body} ({symbols})")
        }
    }
}

/// Whether corrigenda and addenda of the first symbol are written elliptically.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ellipsis {
    /// `E/2013/30 and Corr.1`
    Elliptic,
    /// `E/2013/30 and E/2013/30/Corr.1`
    Full,
}

/// The report symbols as an origin line lists them: `A/72/440`, `E/2013/30 and Corr.1`,
/// `A/75/L.37, A/75/L.37/Add.1 y A/75/L.40`.
pub(crate) fn symbol_list(language: Language, symbols: &[String], ellipsis: Ellipsis) -> String {
    let first = symbols.first().map(String::as_str).unwrap_or_default();
    let written: Vec<&str> = symbols
        .iter()
        .enumerate()
        .map(|(index, symbol)| match symbol.strip_prefix(first) {
            Some(rest)
                if index > 0 && ellipsis == Ellipsis::Elliptic && is_document_suffix(rest) =>
            {
                &rest[1..]
            }
            _ => symbol.as_str(),
        })
        .collect();
    let and = match language {
        Language::En => " and ",
        Language::Es => " y ",
    };
    match written.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
    }
}

/// `/Corr.1`, `/Add.2`, `/Rev.1`: what an elliptic mention may shorten.
fn is_document_suffix(rest: &str) -> bool {
    ["/Corr.", "/Add.", "/Rev."]
        .iter()
        .any(|suffix| rest.starts_with(suffix))
        && rest.matches('/').count() == 1
}

/// `Annex`, `Annex II`, `Anexo III`.
pub(crate) fn annex(language: Language, number: Option<u32>) -> String {
    let word = match language {
        Language::En => "Annex",
        Language::Es => "Anexo",
    };
    match number {
        Some(number) => format!("{word} {}", upper_roman(number)),
        None => word.to_string(),
    }
}

/// Whether a heading already is the annex's own title line.
pub(crate) fn is_annex_heading(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    lower.starts_with("annex") || lower.starts_with("anexo")
}

fn upper_roman(mut value: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (step, numeral) in TABLE {
        while value >= step {
            out.push_str(numeral);
            value -= step;
        }
    }
    out
}

/// The letter the job number carries for the language: `(E)`, `(S)`.
pub(crate) fn job_language(language: Language) -> char {
    match language {
        Language::En => 'E',
        Language::Es => 'S',
    }
}

/// The labels of a vote record's lists, in the order the record prints them.
pub(crate) fn vote_labels(language: Language) -> [&'static str; 3] {
    match language {
        Language::En => ["In favour:", "Against:", "Abstaining:"],
        Language::Es => ["Votos a favor:", "Votos en contra:", "Abstenciones:"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_lists_shorten_only_corrigenda_and_addenda_of_the_first() {
        let symbols = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let cases = [
            (
                Language::En,
                symbols(&["E/2013/30", "E/2013/30/Corr.1"]),
                "E/2013/30 and Corr.1",
            ),
            (Language::Es, symbols(&["A/72/440"]), "A/72/440"),
            (
                Language::Es,
                symbols(&["A/75/L.37", "A/75/L.37/Add.1", "A/75/L.40"]),
                "A/75/L.37, Add.1 y A/75/L.40",
            ),
            (
                Language::En,
                symbols(&["A/75/414", "A/75/4140"]),
                "A/75/414 and A/75/4140",
            ),
        ];
        for (language, list, expected) in cases {
            assert_eq!(symbol_list(language, &list, Ellipsis::Elliptic), expected);
        }
        assert_eq!(
            symbol_list(
                Language::En,
                &symbols(&["E/2013/30", "E/2013/30/Corr.1"]),
                Ellipsis::Full
            ),
            "E/2013/30 and E/2013/30/Corr.1"
        );
    }

    #[test]
    fn dates_and_agenda_items_read_as_printed() {
        let on = Date::new(2017, 12, 19).unwrap();
        assert_eq!(date(Language::Es, on), "19 de diciembre de 2017");
        assert_eq!(date(Language::En, on), "19 December 2017");
        assert_eq!(
            agenda_item(Language::Es, Some(&Organ::GeneralAssembly), "107"),
            "Tema 107 del programa"
        );
        assert_eq!(
            agenda_item(Language::En, None, "14 (c)"),
            "Agenda item 14 (c)"
        );
        assert_eq!(annex(Language::Es, Some(14)), "Anexo XIV");
    }
}
