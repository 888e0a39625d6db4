//! Plurals: the singular of a noun as news writes its plurals ("casualties",
//! "lives"), which is the unit figures are compared in, and the plural a reader-facing
//! label shows ("drones", "gunmen"). English only; irregular nouns kept as data.

/// True when [`singular`] changes the noun.
pub(super) fn is_plural(noun: &str) -> bool {
    singular(noun) != noun
}

/// The singular of an English noun, for the common plural patterns in news.
pub fn singular(noun: &str) -> String {
    match noun {
        "people" | "persons" => return "people".to_string(),
        "children" => return "child".to_string(),
        "men" => return "man".to_string(),
        "women" => return "woman".to_string(),
        "lives" => return "life".to_string(),
        "feet" => return "foot".to_string(),
        "news" | "series" | "species" | "data" => return noun.to_string(),
        _ => {}
    }
    if let Some(stem) = noun.strip_suffix("ies").filter(|s| s.len() > 1) {
        return format!("{stem}y");
    }
    for ending in ["sses", "xes", "ches", "shes", "zes"] {
        if noun.ends_with(ending) {
            return noun[..noun.len() - 2].to_string();
        }
    }
    if noun.ends_with('s')
        && !noun.ends_with("ss")
        && !noun.ends_with("us")
        && !noun.ends_with("is")
        && noun.len() > 3
    {
        return noun[..noun.len() - 1].to_string();
    }
    noun.to_string()
}

/// The plural used in reader-facing labels ("drones", "days of talk").
pub fn plural(unit: &str) -> String {
    match unit {
        "people" | "percent" | "°C" | "°F" => return unit.to_string(),
        "child" => return "children".to_string(),
        "life" => return "lives".to_string(),
        "foot" => return "feet".to_string(),
        _ => {}
    }
    // "man", "woman", "gunman", "policewoman"; not "German" or "human".
    if let Some(stem) = unit.strip_suffix("man")
        && (stem.is_empty() || stem.ends_with("wo") || stem.len() > 2 && !stem.ends_with("er"))
        && unit != "human"
    {
        return format!("{stem}men");
    }
    if let Some(stem) = unit.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        return format!("{stem}ies");
    }
    if unit.ends_with(['s', 'x']) || unit.ends_with("ch") || unit.ends_with("sh") {
        return format!("{unit}es");
    }
    format!("{unit}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_handles_news_plurals() {
        assert_eq!(singular("drones"), "drone");
        assert_eq!(singular("casualties"), "casualty");
        assert_eq!(singular("kilometers"), "kilometer");
        assert_eq!(singular("people"), "people");
        assert_eq!(singular("lives"), "life");
        assert_eq!(singular("status"), "status");
    }

    #[test]
    fn plural_reverses_singular_for_labels() {
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("casualty"), "casualties");
        assert_eq!(plural("people"), "people");
        assert_eq!(plural("man"), "men");
        assert_eq!(plural("woman"), "women");
        assert_eq!(plural("gunman"), "gunmen");
        assert_eq!(plural("human"), "humans");
        assert_eq!(plural("german"), "germans");
    }
}
