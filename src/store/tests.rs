//! Tests of the store: feeds, articles, windows, what a file that is not a store gets,
//! and upgrades from every earlier schema version.

use super::*;
use chrono::TimeZone;

fn article(id: &str, text: &str, published: &str) -> Article {
    Article {
        id: id.to_string(),
        title: Some("Talks".to_string()),
        text: text.to_string(),
        source: "Wire".to_string(),
        url: Some(format!("https://wire.example/{id}")),
        published: DateTime::parse_from_rfc3339(published).ok(),
    }
}

fn feed() -> Feed {
    Feed {
        name: "Wire".into(),
        url: "https://wire.example/feed".into(),
        full_text: false,
        timeout: Duration::from_secs(1),
    }
}

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 12, 8, hour, 0, 0).unwrap()
}

#[test]
fn the_same_item_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    store.register_feeds(&[feed()]).unwrap();
    let one = article("1", "Three days of talks ended.", "2025-12-08T06:00:00Z");
    let republished = Article {
        id: "1-again".into(),
        text: "Three days of talks  ended!".into(),
        ..one.clone()
    };
    let cache = CacheHeaders::default();
    let saved = store
        .save_fetched(&feed().url, &[one.clone(), republished], &cache, at(7))
        .unwrap();
    assert_eq!((saved.added, saved.unchanged), (1, 1));
    let saved = store
        .save_fetched(&feed().url, std::slice::from_ref(&one), &cache, at(8))
        .unwrap();
    assert_eq!((saved.added, saved.unchanged), (0, 1));
    let edited = Article {
        text: "Three days of talks ended without a deal.".into(),
        ..one
    };
    let saved = store
        .save_fetched(&feed().url, &[edited], &cache, at(9))
        .unwrap();
    assert_eq!(saved.updated, 1);
    assert_eq!(store.counts().unwrap().articles, 1);
}

fn feed_named(name: &str, url: &str) -> Feed {
    Feed {
        name: name.into(),
        url: url.into(),
        ..feed()
    }
}

fn stored_feeds(store: &Store) -> Vec<(String, String, Option<String>)> {
    store
        .connection
        .prepare("SELECT name, url, last_error FROM feeds ORDER BY name")
        .and_then(|mut s| {
            s.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
                .collect()
        })
        .unwrap()
}

#[test]
fn a_feed_whose_url_changed_is_the_same_feed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    let wrong = feed_named("Wire", "https://wire.example/feeds.xml");
    store.register_feeds(std::slice::from_ref(&wrong)).unwrap();
    store
        .note_failure(&wrong.url, "server answered 404 Not Found", at(6))
        .unwrap();
    let one = article("1", "Three days of talks ended.", "2025-12-08T06:00:00Z");
    let fixed = feed_named("Wire", "https://wire.example/feed.xml");
    store.register_feeds(std::slice::from_ref(&fixed)).unwrap();
    assert_eq!(
        stored_feeds(&store),
        vec![("Wire".into(), fixed.url.clone(), None)],
        "one feed, and the old URL's failure is not its"
    );
    store
        .save_fetched(&fixed.url, &[one], &CacheHeaders::default(), at(7))
        .unwrap();
    assert_eq!(store.counts().unwrap().feeds, 1);
    assert_eq!(store.article_ids_of_feed(&fixed.url).unwrap().len(), 1);
    // Renamed, same URL: still one feed, with its articles.
    let renamed = feed_named("Wire Service", &fixed.url);
    store
        .register_feeds(std::slice::from_ref(&renamed))
        .unwrap();
    assert_eq!(store.counts().unwrap().feeds, 1);
    assert_eq!(store.article_ids_of_feed(&fixed.url).unwrap().len(), 1);
}

#[test]
fn a_store_with_one_feed_under_two_urls_is_merged_when_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    {
        let connection = Connection::open(&path).unwrap();
        for step in &migrations::MIGRATIONS[..2] {
            step.apply(&connection).unwrap();
        }
        connection
            .execute_batch(&format!(
                "PRAGMA application_id = {};
                 PRAGMA user_version = 2;
                 INSERT INTO feeds (id, url, name, last_error)
                   VALUES (1, 'https://wire.example/feeds.xml', 'Wire', '404'),
                          (2, 'https://wire.example/feed.xml', 'Wire', NULL);
                 INSERT INTO articles (uid, content_hash, feed_id, source, text, first_seen)
                   VALUES ('a', 'h1', 1, 'Wire', 'Old.', '2025-12-07T06:00:00Z'),
                          ('b', 'h2', 2, 'Wire', 'New.', '2025-12-08T06:00:00Z');",
                migrations::APPLICATION_ID
            ))
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        stored_feeds(&store),
        vec![("Wire".into(), "https://wire.example/feed.xml".into(), None)]
    );
    let ids = store
        .article_ids_of_feed("https://wire.example/feed.xml")
        .unwrap();
    assert_eq!(ids.len(), 2, "{ids:?}");
}

#[test]
fn feeds_that_swap_urls_or_take_an_old_one_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    let (a, b, c) = (
        "https://a.example/",
        "https://b.example/",
        "https://c.example/",
    );
    store
        .register_feeds(&[feed_named("A", a), feed_named("B", b), feed_named("C", c)])
        .unwrap();
    store
        .register_feeds(&[feed_named("A", b), feed_named("B", a), feed_named("C", c)])
        .unwrap();
    let urls: Vec<(String, String)> = stored_feeds(&store)
        .into_iter()
        .map(|(name, url, _)| (name, url))
        .collect();
    assert_eq!(
        urls,
        vec![
            ("A".into(), b.into()),
            ("B".into(), a.into()),
            ("C".into(), c.into())
        ]
    );
    // C leaves the config and A takes its URL: C's row goes into A's.
    store
        .register_feeds(&[feed_named("A", c), feed_named("B", a)])
        .unwrap();
    assert_eq!(store.counts().unwrap().feeds, 2);
}

#[test]
fn a_window_holds_what_was_published_in_it_and_late_arrivals() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    store.register_feeds(&[feed()]).unwrap();
    let articles = [
        article("in", "Inside the window.", "2025-12-08T06:00:00Z"),
        article("old", "Long before the window.", "2025-12-01T06:00:00Z"),
        article(
            "late",
            "Published just before, fetched inside.",
            "2025-12-07T20:00:00Z",
        ),
    ];
    store
        .save_fetched(&feed().url, &articles, &CacheHeaders::default(), at(9))
        .unwrap();
    let window = Window {
        from: at(0),
        to: Utc.with_ymd_and_hms(2025, 12, 9, 0, 0, 0).unwrap(),
    };
    let ids: Vec<String> = store
        .articles_in(&window)
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids, vec!["late", "in"]);
}

#[test]
fn cache_headers_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    store.register_feeds(&[feed()]).unwrap();
    let cache = CacheHeaders {
        etag: Some("\"v1\"".into()),
        last_modified: Some("Mon, 08 Dec 2025 06:00:00 GMT".into()),
    };
    store.save_fetched(&feed().url, &[], &cache, at(7)).unwrap();
    assert_eq!(store.cache_headers(&feed().url).unwrap(), cache);
    assert_eq!(
        store.cache_headers("https://unknown.example/").unwrap(),
        CacheHeaders::default()
    );
}

#[test]
fn a_file_that_is_not_a_store_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let content = "these are my notes, not a database\n".repeat(200);
    std::fs::write(&path, &content).unwrap();
    let error = Store::open(&path).err().unwrap();
    assert!(matches!(error, StoreError::NotADatabase { .. }), "{error}");
    assert!(
        error.to_string().contains("not a SQLite database"),
        "{error}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), content);
}

#[test]
fn another_programs_database_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    for setup in [
        "CREATE TABLE contacts (name TEXT);",
        "CREATE TABLE contacts (name TEXT); PRAGMA user_version = 1;",
        "CREATE TABLE feeds (url TEXT); PRAGMA user_version = 2;",
        "PRAGMA application_id = 42; PRAGMA user_version = 7;",
    ] {
        let _ = std::fs::remove_file(&path);
        Connection::open(&path)
            .unwrap()
            .execute_batch(setup)
            .unwrap();
        let before = std::fs::read(&path).unwrap();
        let error = Store::open(&path).err().unwrap();
        assert!(
            matches!(error, StoreError::Foreign { .. }),
            "{setup}: {error}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before, "{setup}");
        assert!(!dir.path().join("other.db-wal").exists(), "{setup}");
    }
}

#[test]
fn two_feeds_with_the_same_guid_keep_two_articles() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    let other = Feed {
        name: "Other".into(),
        url: "https://other.example/feed".into(),
        ..feed()
    };
    store.register_feeds(&[feed(), other.clone()]).unwrap();
    let cache = CacheHeaders::default();
    let wire = article("1", "Talks ended in Geneva.", "2025-12-08T06:00:00Z");
    let theirs = Article {
        text: "Rates were left unchanged.".into(),
        source: "Other".into(),
        ..wire.clone()
    };
    store
        .save_fetched(&feed().url, &[wire], &cache, at(7))
        .unwrap();
    let saved = store
        .save_fetched(&other.url, std::slice::from_ref(&theirs), &cache, at(7))
        .unwrap();
    assert_eq!(
        saved.added, 1,
        "not taken for an update of the other feed's item"
    );
    let window = Window {
        from: at(0),
        to: at(23),
    };
    let read: Vec<(String, String)> = store
        .articles_in(&window)
        .unwrap()
        .into_iter()
        .map(|a| (a.id, a.source))
        .collect();
    assert_eq!(
        read,
        [("1".into(), "Wire".into()), ("1-2".into(), "Other".into())]
    );
    let syndicated = Article {
        id: "their-7".into(),
        ..theirs
    };
    let saved = store
        .save_fetched(&feed().url, &[syndicated], &cache, at(8))
        .unwrap();
    assert_eq!(
        saved.unchanged, 1,
        "the same title and text is still one article"
    );
}

#[test]
fn an_undated_item_fetched_in_the_windows_last_second_is_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    store.register_feeds(&[feed()]).unwrap();
    let fetched = at(9) + chrono::Duration::milliseconds(200);
    let undated = Article {
        published: None,
        ..article("u", "No date on this one.", "2025-12-08T06:00:00Z")
    };
    store
        .save_fetched(&feed().url, &[undated], &CacheHeaders::default(), fetched)
        .unwrap();
    let window = Window {
        from: at(9) - chrono::Duration::hours(24),
        to: fetched + chrono::Duration::milliseconds(300),
    };
    assert_eq!(store.articles_in(&window).unwrap().len(), 1);
    let before = Window {
        to: at(9) - chrono::Duration::milliseconds(1),
        ..window
    };
    assert_eq!(store.articles_in(&before).unwrap().len(), 0);
}

#[test]
fn bounds_round_up_to_whole_seconds() {
    assert_eq!(bound(at(9)), "2025-12-08T09:00:00Z");
    let later = at(9) + chrono::Duration::milliseconds(1);
    assert_eq!(bound(later), "2025-12-08T09:00:01Z");
}

#[test]
fn a_store_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    drop(Store::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let error = Store::open(&path).err().unwrap();
    assert!(error.to_string().contains("newer newsdigest"), "{error}");
}

/// A store of version 4 keyed its history by 32-bit fact ids; once upgraded, the
/// facts it reported are found by their 64-bit ids, and a build marks them.
#[test]
fn facts_reported_under_32_bit_ids_keep_their_history_after_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let reported = "Three days of talks ended without a breakthrough.";
    let text = format!("{reported} Russia launched 653 drones overnight.");
    {
        let connection = Connection::open(&path).unwrap();
        for step in &migrations::MIGRATIONS[..4] {
            step.apply(&connection).unwrap();
        }
        connection
            .execute_batch(&format!(
                "PRAGMA application_id = {};
                 PRAGMA user_version = 4;
                 INSERT INTO feeds (id, url, name) VALUES (1, 'https://wire.example/f', 'Wire');
                 INSERT INTO articles (uid, content_hash, feed_id, source, text, first_seen)
                   VALUES ('a', 'h1', 1, 'Wire', '{text}', '2025-12-08T06:00:00Z');
                 INSERT INTO digests (date, built_at, articles, stories)
                   VALUES ('2025-12-08', '2025-12-08T07:00:00Z', 1, 1);
                 INSERT INTO reported_facts (digest_date, fact_id, story_id)
                   VALUES ('2025-12-08', '{}', 's-0000abcd'),
                          ('2025-12-08', 'f-00000000', 's-0000abcd');",
                migrations::APPLICATION_ID,
                crate::ids::legacy_fact_id(reported),
            ))
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.user_version().unwrap(), migrations::latest_version());
    let day = NaiveDate::from_ymd_opt(2025, 12, 8).unwrap();
    let history = store
        .history_before(NaiveDate::from_ymd_opt(2025, 12, 9).unwrap())
        .unwrap();
    let widened = crate::ids::fact_id(reported);
    assert_eq!(history.first_reported.get(&widened), Some(&day));
    assert!(
        !history
            .first_reported
            .contains_key(&crate::ids::legacy_fact_id(reported))
    );
    assert!(
        history.first_reported.contains_key("f-00000000"),
        "an id that matches no stored sentence is kept"
    );
    let digest = crate::summarize(
        vec![article("b", &text, "2025-12-09T06:00:00Z")],
        &crate::options::Options::for_date(NaiveDate::from_ymd_opt(2025, 12, 9).unwrap()),
    );
    let marked = mark_reported(digest, &history);
    let fact = marked
        .stories
        .iter()
        .flat_map(|s| &s.facts)
        .find(|f| &*f.text == reported)
        .unwrap();
    assert!(!fact.new);
    assert_eq!(fact.first_reported, Some(day));
}
