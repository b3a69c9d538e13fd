/**
 * Which IP addresses an image URL may point at: public unicast only (SSRF protection).
 *
 * IPv4: only what ipaddr.js classifies as `unicast` — so loopback, RFC 1918 private, link-local (incl. the
 * 169.254.169.254 metadata service), CGNAT 100.64/10, 0/8, broadcast, multicast, reserved/documentation/
 * benchmarking, AS112 and AMT are all refused.
 * IPv6: only global unicast inside 2000::/3 that ipaddr.js leaves unclassified, plus the forms that embed an
 * IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, RFC 6145 `::ffff:0:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4
 * `2002:AABB:CCDD::`, Teredo) when every embedded IPv4 address passes the IPv4 rule. Anything else — `::1`, `::`,
 * fc00::/7, fe80::/10, fec0::/10, multicast, 2001:db8::/32, the deprecated IPv4-compatible `::a.b.c.d`, … — is refused.
 */
import net from 'node:net';
import ipaddr from 'ipaddr.js';

function isPublicV4(address: ipaddr.IPv4): boolean {
  return address.range() === 'unicast';
}

function v4FromBytes(bytes: readonly number[], offset: number, invert = false): ipaddr.IPv4 {
  const octets = bytes.slice(offset, offset + 4).map((b) => (invert ? ~b & 0xff : b));
  return new ipaddr.IPv4(octets);
}

function isPublicV6(address: ipaddr.IPv6): boolean {
  const bytes = address.toByteArray();
  // range() may also return names missing from the typings (discard, deprecatedSiteLocal, …): treat as a string.
  const range: string = address.range();
  switch (range) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d
      return isPublicV4(v4FromBytes(bytes, 12));
    case 'rfc6052': {
      // Only the well-known NAT64 prefix 64:ff9b::/96 embeds a routable IPv4; 64:ff9b:1::/48 is for local use.
      const wellKnown = address.parts.slice(0, 6).join(',') === [0x64, 0xff9b, 0, 0, 0, 0].join(',');
      return wellKnown && isPublicV4(v4FromBytes(bytes, 12));
    }
    case '6to4': // 2002:AABB:CCDD::/48 carries a.b.c.d in bits 16–47
      return isPublicV4(v4FromBytes(bytes, 2));
    case 'teredo': // 2001:0:SSSS:SSSS:flags:port:CCCC:CCCC — server in clear, client IPv4 bit-inverted
      return isPublicV4(v4FromBytes(bytes, 4)) && isPublicV4(v4FromBytes(bytes, 12, true));
    case 'unicast':
      return (address.parts[0]! & 0xe000) === 0x2000; // global unicast 2000::/3 only
    default:
      return false;
  }
}

/** True when `address` is a literal IPv4/IPv6 address that an image download may connect to. */
export function isPublicAddress(address: string): boolean {
  // net.isIP is strict (dotted-quad decimal IPv4 only), unlike ipaddr's parser which accepts 0x7f.1 and friends.
  const kind = net.isIP(address);
  if (kind === 0) return false;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return false;
  }
  return parsed.kind() === 'ipv4' ? isPublicV4(parsed as ipaddr.IPv4) : isPublicV6(parsed as ipaddr.IPv6);
}
