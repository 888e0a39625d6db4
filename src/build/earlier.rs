//! Earlier digests given as files (`build --after EARLIER.json`): their facts read into
//! a [`History`], the same value the store gives for earlier days, so a briefing made
//! from files can say what is new since a digest the reader already read.
//!
//! Only the parts of the `newsdigest/1` document that name facts are read (`date`,
//! `stories[].facts[].text`); every other field may be anything. A fact is matched by
//! the id of its text as this version computes it ([`crate::ids::fact_id`]), not by
//! the id written in the file, so a digest written by an older version (32-bit ids)
//! still counts. It does not read the store or write anything.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use crate::digest::History;
use crate::ids;

/// Why an earlier digest could not be read. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum EarlierError {
    #[error("reading earlier digest {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("reading earlier digest {}: not a newsdigest JSON digest: {source}", path.display())]
    Parse {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("reading earlier digest {}: schema {schema:?} is not newsdigest/1", path.display())]
    Schema { path: PathBuf, schema: String },
}

#[derive(Deserialize)]
struct EarlierDigest {
    schema: String,
    date: NaiveDate,
    #[serde(default)]
    stories: Vec<EarlierStory>,
}

#[derive(Deserialize)]
struct EarlierStory {
    #[serde(default)]
    facts: Vec<EarlierFact>,
}

/// A fact of an earlier digest, kept as the id of its text only: a large morning's
/// digest holds hundreds of thousands of facts, and their texts are not needed.
struct EarlierFact {
    id: String,
}

impl<'de> Deserialize<'de> for EarlierFact {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Written {
            text: String,
        }
        let written = Written::deserialize(deserializer)?;
        Ok(EarlierFact {
            id: ids::fact_id(&written.text),
        })
    }
}

/// The facts the digests in `paths` reported, each at the earliest of their dates.
pub fn history_of_files(paths: &[PathBuf]) -> Result<History, EarlierError> {
    paths.iter().try_fold(History::default(), |history, path| {
        Ok(history.merged(history_of_file(path)?))
    })
}

fn history_of_file(path: &Path) -> Result<History, EarlierError> {
    let file = File::open(path).map_err(|source| EarlierError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    // Read as a stream: a large morning's digest is over a gigabyte.
    let digest: EarlierDigest =
        serde_json::from_reader(BufReader::new(file)).map_err(|source| EarlierError::Parse {
            path: path.to_path_buf(),
            source,
        })?;
    if digest.schema != crate::render::json::SCHEMA {
        return Err(EarlierError::Schema {
            path: path.to_path_buf(),
            schema: digest.schema,
        });
    }
    let first_reported = digest
        .stories
        .into_iter()
        .flat_map(|story| story.facts)
        .map(|fact| (fact.id, digest.date))
        .collect();
    Ok(History {
        earlier_digests: 1,
        first_reported,
    })
}

#[cfg(test)]
mod tests {
    //! Reading earlier digests' facts from their JSON files.
    use super::*;
    use std::fs;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn facts_of_earlier_digests_count_from_the_first_date() {
        let dir = tempfile::tempdir().unwrap();
        let fact = "Three days of talks ended without a breakthrough.";
        let doc = |date: &str| {
            format!(
                r#"{{"schema":"newsdigest/1","date":"{date}","articles":[],"stories":[{{"id":"s-1","facts":[{{"id":"f-old","text":"{fact}"}}]}}]}}"#
            )
        };
        let a = write(dir.path(), "a.json", &doc("2025-12-07"));
        let b = write(dir.path(), "b.json", &doc("2025-12-06"));
        let history = history_of_files(&[a, b]).unwrap();
        assert_eq!(history.earlier_digests, 2);
        let day = NaiveDate::from_ymd_opt(2025, 12, 6).unwrap();
        assert_eq!(history.first_reported.get(&ids::fact_id(fact)), Some(&day));
        assert!(history.reported(&ids::fact_id(
            "three days of talks ended without a breakthrough"
        )));
    }

    #[test]
    fn a_file_that_is_not_a_digest_is_refused_with_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let junk = write(dir.path(), "junk.json", "[1, 2");
        let err = history_of_files(&[junk]).unwrap_err().to_string();
        assert!(
            err.contains("junk.json") && err.contains("not a newsdigest JSON digest"),
            "{err}"
        );
        let other = write(
            dir.path(),
            "other.json",
            r#"{"schema":"other/2","date":"2025-12-07"}"#,
        );
        let err = history_of_files(&[other]).unwrap_err().to_string();
        assert!(
            err.contains("other.json") && err.contains("other/2"),
            "{err}"
        );
        let missing = dir.path().join("missing.json");
        assert!(
            history_of_files(&[missing])
                .unwrap_err()
                .to_string()
                .contains("missing.json")
        );
    }
}
