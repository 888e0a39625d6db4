//! Where a fetch may connect: no internal addresses for what a feed points to.
//!
//! A feed URL the user wrote in the config may be on the LAN or on this machine, but
//! what a feed's content points to (its items' pages, for `full_text`) and every
//! redirect (the server's word, not the user's) may not reach loopback, private
//! (RFC 1918), shared (RFC 6598), link-local (the cloud metadata service at
//! 169.254.169.254), unique-local or site-local IPv6, multicast, broadcast, reserved
//! or unspecified addresses, unless `[fetch] allow_private` names the host or its
//! network. The check is made on the addresses the name resolves to, by the resolver
//! ureq connects with ([`GuardedResolver`]): a name that resolves to 127.0.0.1 counts,
//! and the addresses checked are the ones connected to, so DNS cannot answer one way
//! for the check and another for the connection.
//!
//! Through a proxy (`HTTPS_PROXY` and the like) the proxy resolves and connects; the
//! target is then checked as this machine resolves it ([`proxied_target_refusal`]), and
//! a name only the proxy can resolve goes unchecked. It does not fetch anything.

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use ipnet::IpNet;
use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// A host or network `[fetch] allow_private` lets fetches reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Allowed {
    /// A host name, lower-case: every address it resolves to.
    Host(String),
    /// An address or a network, like `192.168.1.0/24`.
    Network(IpNet),
}

/// An `allow_private` entry that is not a host, an address or a network.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a host name, an address or a network (like \"192.168.1.0/24\")")]
pub struct NotAllowable(String);

impl FromStr for Allowed {
    type Err = NotAllowable;

    fn from_str(text: &str) -> Result<Allowed, NotAllowable> {
        let text = text.trim();
        if let Ok(network) = text.parse::<IpNet>() {
            return Ok(Allowed::Network(network));
        }
        if let Ok(address) = text.trim_matches(['[', ']']).parse::<IpAddr>() {
            return Ok(Allowed::Network(IpNet::from(address)));
        }
        let is_host_name = !text.is_empty()
            && text.len() <= 253
            && text.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            });
        if is_host_name {
            Ok(Allowed::Host(text.to_ascii_lowercase()))
        } else {
            Err(NotAllowable(text.to_string()))
        }
    }
}

/// Why an address may not be reached, if it may not.
pub fn internal_kind(address: IpAddr) -> Option<&'static str> {
    match address {
        IpAddr::V4(v4) => internal_v4(v4),
        IpAddr::V6(v6) => internal_v6(v6),
    }
}

fn internal_v4(address: Ipv4Addr) -> Option<&'static str> {
    let [a, b, ..] = address.octets();
    if address.is_loopback() {
        Some("loopback")
    } else if address.is_private() {
        Some("private")
    } else if address.is_link_local() {
        Some("link-local")
    } else if a == 100 && (64..128).contains(&b) {
        Some("shared (carrier-grade NAT)")
    } else if address.is_multicast() {
        Some("multicast")
    } else if address.is_broadcast() || a >= 240 {
        Some("reserved")
    } else if a == 0 {
        Some("unspecified")
    } else {
        None
    }
}

fn internal_v6(address: Ipv6Addr) -> Option<&'static str> {
    let segments = address.segments();
    // Addresses that carry an IPv4 address are judged by it: mapped (::ffff:a.b.c.d),
    // compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
    let embedded = |high: u16, low: u16| {
        let [a, b] = high.to_be_bytes();
        let [c, d] = low.to_be_bytes();
        internal_v4(Ipv4Addr::new(a, b, c, d))
    };
    if address.is_loopback() {
        Some("loopback")
    } else if address.is_unspecified() {
        Some("unspecified")
    } else if address.is_multicast() {
        Some("multicast")
    } else if address.is_unicast_link_local() {
        Some("link-local")
    } else if address.is_unique_local() {
        Some("unique-local")
    } else if segments[0] & 0xffc0 == 0xfec0 {
        Some("site-local")
    } else if let Some(v4) = address.to_ipv4_mapped() {
        internal_v4(v4)
    } else if segments[..6] == [0; 6] || segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        embedded(segments[6], segments[7])
    } else if segments[0] == 0x2002 {
        embedded(segments[1], segments[2])
    } else {
        None
    }
}

/// A fetch that would have reached an internal address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub host: String,
    pub address: IpAddr,
    pub kind: &'static str,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = self.host.trim_matches(['[', ']']);
        let (address, kind) = (self.address, self.kind);
        if host == address.to_string() {
            write!(f, "refused: {address} is a {kind} address")?;
        } else {
            write!(f, "refused: {host} resolves to {address}, a {kind} address")?;
        }
        f.write_str("; what a feed links to may reach one only if [fetch] allow_private lists it")
    }
}

impl std::error::Error for Refused {}

/// Which internal hosts and networks fetches may reach.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowList(pub Vec<Allowed>);

impl AllowList {
    fn allows_host(&self, host: &str) -> bool {
        let host = host.trim_matches(['[', ']']).trim_end_matches('.');
        self.0.iter().any(
            |allowed| matches!(allowed, Allowed::Host(name) if name.eq_ignore_ascii_case(host)),
        )
    }

    fn allows_address(&self, address: IpAddr) -> bool {
        let address = match address {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
            v4 => v4,
        };
        self.0.iter().any(
            |allowed| matches!(allowed, Allowed::Network(network) if network.contains(&address)),
        )
    }

    /// `addresses` of `host` without the internal ones this list does not allow; the
    /// first one left out when none is left.
    fn reachable(
        &self,
        host: &str,
        addresses: impl IntoIterator<Item = IpAddr>,
    ) -> Result<Vec<IpAddr>, Refused> {
        let everything = self.allows_host(host);
        let mut kept = Vec::new();
        let mut refused = None;
        for address in addresses {
            match internal_kind(address) {
                Some(kind) if !everything && !self.allows_address(address) => {
                    refused.get_or_insert(Refused {
                        host: host.to_string(),
                        address,
                        kind,
                    });
                }
                _ => kept.push(address),
            }
        }
        match refused {
            Some(refused) if kept.is_empty() => Err(refused),
            _ => Ok(kept),
        }
    }
}

/// ureq's own resolver, keeping only the addresses [`AllowList`] lets a fetch reach. A
/// name with none left fails with [`Refused`] inside an I/O error, before any
/// connection is made. The proxy named in ureq's config is the user's, and is reached.
#[derive(Debug)]
pub struct GuardedResolver {
    pub allowed: AllowList,
}

impl Resolver for GuardedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let resolved = DefaultResolver::default().resolve(uri, config, timeout)?;
        let is_the_proxy = config.proxy().is_some_and(|proxy| proxy.uri() == uri);
        if is_the_proxy {
            return Ok(resolved);
        }
        let host = uri.host().unwrap_or_default();
        let reachable = self
            .allowed
            .reachable(host, resolved.iter().map(|socket| socket.ip()))
            .map_err(|refused| {
                ureq::Error::Io(io::Error::new(io::ErrorKind::PermissionDenied, refused))
            })?;
        let mut kept = self.empty();
        for socket in resolved.iter().filter(|s| reachable.contains(&s.ip())) {
            kept.push(*socket);
        }
        Ok(kept)
    }
}

/// When ureq goes through a proxy for `uri` (which then resolves the name itself, and
/// the resolver above is not asked), the refusal the target would get, judged by the
/// addresses this machine resolves its name to.
pub fn proxied_target_refusal(
    config: &Config,
    uri: &Uri,
    allowed: &AllowList,
    timeout: std::time::Duration,
) -> Option<Refused> {
    let proxy = config.proxy()?;
    if proxy.is_no_proxy(uri) || proxy.resolve_target() {
        return None;
    }
    let timeout = NextTimeout {
        after: ureq::unversioned::transport::time::Duration::Exact(timeout),
        ..NextTimeout::default()
    };
    let resolved = DefaultResolver::default()
        .resolve(uri, config, timeout)
        .ok()?;
    let host = uri.host().unwrap_or_default();
    allowed
        .reachable(host, resolved.iter().map(|socket| socket.ip()))
        .err()
}

/// The refusal inside a failed request, if that is why it failed.
pub fn refusal_in(error: &io::Error) -> Option<&Refused> {
    error.get_ref()?.downcast_ref::<Refused>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn internal_addresses_are_named_and_public_ones_pass() {
        for (address, kind) in [
            ("127.0.0.1", "loopback"),
            ("127.8.9.10", "loopback"),
            ("10.1.2.3", "private"),
            ("172.16.0.1", "private"),
            ("172.31.255.255", "private"),
            ("192.168.1.5", "private"),
            ("169.254.169.254", "link-local"),
            ("100.64.0.1", "shared (carrier-grade NAT)"),
            ("224.0.0.1", "multicast"),
            ("255.255.255.255", "reserved"),
            ("0.0.0.0", "unspecified"),
            ("::1", "loopback"),
            ("::", "unspecified"),
            ("fe80::1", "link-local"),
            ("fd00::1", "unique-local"),
            ("fec0::1", "site-local"),
            ("ff02::1", "multicast"),
            ("::ffff:169.254.169.254", "link-local"),
            ("::ffff:127.0.0.1", "loopback"),
            ("64:ff9b::a9fe:a9fe", "link-local"),
            ("2002:7f00:1::", "loopback"),
        ] {
            assert_eq!(internal_kind(ip(address)), Some(kind), "{address}");
        }
        for address in [
            "93.184.216.34",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert_eq!(internal_kind(ip(address)), None, "{address}");
        }
    }

    #[test]
    fn the_allow_list_takes_hosts_addresses_and_networks() {
        let allowed = AllowList(
            ["192.168.1.0/24", "10.0.0.5", "NAS.local", "[fd00::7]"]
                .iter()
                .map(|t| t.parse().unwrap())
                .collect(),
        );
        let reach = |host: &str, address: &str| allowed.reachable(host, [ip(address)]).is_ok();
        assert!(reach("feed.lan", "192.168.1.40"));
        assert!(!reach("feed.lan", "192.168.2.40"));
        assert!(reach("x", "10.0.0.5"));
        assert!(!reach("x", "10.0.0.6"));
        assert!(
            reach("nas.local", "10.9.9.9"),
            "a named host, whatever it resolves to"
        );
        assert!(reach("x", "fd00::7"));
        assert!(
            reach("x", "::ffff:192.168.1.1"),
            "a mapped address is its IPv4 one"
        );
        assert!("not a host!".parse::<Allowed>().is_err());
        assert!("10.0.0.0/33".parse::<Allowed>().is_err());
    }

    #[test]
    fn a_name_with_some_public_addresses_keeps_only_those() {
        let allowed = AllowList::default();
        let kept = allowed
            .reachable("mixed.example", [ip("127.0.0.1"), ip("93.184.216.34")])
            .unwrap();
        assert_eq!(kept, [ip("93.184.216.34")]);
        let refused = allowed
            .reachable("localhost", [ip("127.0.0.1")])
            .unwrap_err();
        assert_eq!(
            refused.to_string(),
            "refused: localhost resolves to 127.0.0.1, a loopback address; what a feed links to may reach one only if [fetch] allow_private lists it"
        );
        let refused = allowed
            .reachable("169.254.169.254", [ip("169.254.169.254")])
            .unwrap_err();
        assert!(
            refused
                .to_string()
                .starts_with("refused: 169.254.169.254 is a link-local address;"),
            "{refused}"
        );
    }
}
