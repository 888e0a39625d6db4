use std::io::BufRead;
fn main() {
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        for s in line.split('\t') {
            println!("{s}");
            for q in newsdigest::extract::quantities_in(s) {
                println!(
                    "  {} {:?} q={:?} unit={:?} comp={:?} role={:?} person={} holder={:?} part={} priced={} text={:?}",
                    q.value,
                    q.kind,
                    q.qualifier,
                    q.unit,
                    q.complement,
                    q.role,
                    q.person,
                    q.holder,
                    q.part,
                    q.priced,
                    q.text
                );
            }
        }
    }
}
