package dev.afterhours.directory;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which URLs the system may call because somebody configured them (staff webhook URLs in the directory), so that a
 * directory entry cannot turn our own outbound calls inward (SSRF): to the cloud metadata service, to a loopback
 * admin port, to the office network.
 *
 * <p>A URL must be {@code http} or {@code https}, have a host, carry no user info, and its host must not be, or
 * resolve to, a loopback, link-local (169.254.0.0/16 with 169.254.169.254, fe80::/10), private (10/8, 172.16/12,
 * 192.168/16, 100.64/10, fc00::/7), unspecified (0.0.0.0/8, ::), multicast, reserved or benchmarking address,
 * including those ranges embedded in IPv6 (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible, NAT64
 * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}). Numeric host spellings other than a dotted quad
 * ({@code 2130706433}, {@code 0x7f.1}, {@code 127.1}) are refused outright, because resolvers disagree on them.
 *
 * <p>The allow-list (see {@link #parse}) is how an operator says "this internal receiver is intended": an entry
 * {@code host[:port]} allows that host name (or IP literal) as written in the URL, on that port or any port; an
 * entry {@code address/prefix} (CIDR) allows addresses in that range, as literals or as resolution results.
 *
 * <p>Two checks: {@link #checkUrl} at save time (the URL alone; literal addresses and {@code localhost} names are
 * judged, other names pass because they are resolved only when called) and {@link #check} at call time, with every
 * address the host resolved to, so a name that resolves (or is rebound) to an internal address is refused. No
 * Spring, no I/O: resolving is the caller's job.
 */
public final class OutboundUrlPolicy {

    /** The environment variable the services read the allow-list from (see their application.yml). */
    public static final String ALLOW_LIST_ENV = "AFTERHOURS_OUTBOUND_ALLOW";

    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    /** Looks numeric to some resolver (decimal, octal, hex, short forms) without being a plain dotted quad. */
    private static final Pattern NUMERIC_LOOKING = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*");
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*");

    private static final List<Range> INTERNAL = List.of(
            Range.of("0.0.0.0/8", "an unspecified/this-network"),
            Range.of("10.0.0.0/8", "a private"),
            Range.of("100.64.0.0/10", "a shared (carrier-grade NAT)"),
            Range.of("127.0.0.0/8", "a loopback"),
            Range.of("169.254.0.0/16", "a link-local (cloud metadata)"),
            Range.of("172.16.0.0/12", "a private"),
            Range.of("192.0.0.0/24", "an IETF protocol"),
            Range.of("192.168.0.0/16", "a private"),
            Range.of("198.18.0.0/15", "a benchmarking"),
            Range.of("224.0.0.0/4", "a multicast"),
            Range.of("240.0.0.0/4", "a reserved/broadcast"),
            Range.of("::/128", "an unspecified"),
            Range.of("::1/128", "a loopback"),
            Range.of("fe80::/10", "a link-local"),
            Range.of("fec0::/10", "a site-local"),
            Range.of("fc00::/7", "a unique-local (private)"),
            Range.of("ff00::/8", "a multicast"));

    /** What a check came to. */
    public sealed interface Verdict {
        default boolean allowed() {
            return this instanceof Allowed;
        }
    }

    /**
     * @param host          the host as in the URL, lower case, without brackets
     * @param port          the effective port (80/443 when the URL names none)
     * @param byAllowListed true when an allow-list host entry allowed it, so resolved addresses need no check
     */
    public record Allowed(URI url, String host, int port, boolean byAllowListed) implements Verdict {
    }

    /** @param reason why, in words fit for a validation error or a NotificationFailed event */
    public record Refused(String reason) implements Verdict {
    }

    private record Range(byte[] network, int prefix, String label, String text) {
        static Range of(String cidr, String label) {
            int slash = cidr.indexOf('/');
            byte[] network = literal(cidr.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("not an address: " + cidr);
            }
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("prefix out of range: " + cidr);
            }
            return new Range(network, prefix, label, cidr);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private record HostEntry(String host, int port) {
        boolean matches(String urlHost, int urlPort) {
            return host.equals(urlHost) && (port < 0 || port == urlPort);
        }
    }

    private final List<HostEntry> hosts;
    private final List<Range> ranges;
    private final String allowListText;
    private final boolean judgeHosts;

    private OutboundUrlPolicy(List<HostEntry> hosts, List<Range> ranges, String allowListText, boolean judgeHosts) {
        this.hosts = List.copyOf(hosts);
        this.ranges = List.copyOf(ranges);
        this.allowListText = allowListText;
        this.judgeHosts = judgeHosts;
    }

    /** Nothing internal is allowed. */
    public static OutboundUrlPolicy denyInternal() {
        return new OutboundUrlPolicy(List.of(), List.of(), "", true);
    }

    /**
     * Only the shape of the URL (http/https, a host, no user info), whatever the host: for parsing a record before
     * the policy that knows the deployment's allow-list judges it.
     */
    public static OutboundUrlPolicy shapeOnly() {
        return new OutboundUrlPolicy(List.of(), List.of(), "*", false);
    }

    /**
     * An allow-list given as one string, entries separated by commas or white space, e.g.
     * {@code "localhost:8099, 10.20.0.0/16, [fd00::1]:8443"}. Blank: nothing internal is allowed.
     *
     * @throws IllegalArgumentException naming every entry that is neither {@code host[:port]} nor a CIDR
     */
    public static OutboundUrlPolicy parse(@Nullable String allowList) {
        if (allowList == null || allowList.isBlank()) {
            return denyInternal();
        }
        return of(Arrays.stream(allowList.trim().split("[,\\s]+")).filter(s -> !s.isEmpty()).toList());
    }

    /** @throws IllegalArgumentException naming every entry that is neither {@code host[:port]} nor a CIDR */
    public static OutboundUrlPolicy of(Collection<String> entries) {
        List<HostEntry> hosts = new ArrayList<>();
        List<Range> ranges = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            try {
                if (entry.contains("/")) {
                    ranges.add(Range.of(entry, "an allow-listed"));
                } else {
                    hosts.add(hostEntry(entry));
                }
            } catch (RuntimeException e) {
                bad.add("'" + raw + "'");
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("outbound allow-list: " + String.join(", ", bad)
                    + " is neither host[:port] (e.g. localhost:8099, [::1]:8080) nor a CIDR (e.g. 10.20.0.0/16)");
        }
        return new OutboundUrlPolicy(hosts, ranges, String.join(",", entries), true);
    }

    private static HostEntry hostEntry(String entry) {
        String host;
        int port = -1;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                port = port(rest.substring(rest.indexOf(':') + 1), rest.startsWith(":"));
            }
            if (literal(host) == null) {
                throw new IllegalArgumentException(entry);
            }
            host = canonical(host);
        } else {
            int colon = entry.lastIndexOf(':');
            if (colon >= 0) {
                if (entry.indexOf(':') != colon) {
                    throw new IllegalArgumentException("IPv6 needs brackets: " + entry);
                }
                port = port(entry.substring(colon + 1), true);
                host = entry.substring(0, colon);
            } else {
                host = entry;
            }
            if (!HOST_NAME.matcher(host).matches()) {
                throw new IllegalArgumentException(entry);
            }
        }
        return new HostEntry(host, port);
    }

    private static int port(String text, boolean hadColon) {
        int port = Integer.parseInt(text);
        if (!hadColon || port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad port " + text);
        }
        return port;
    }

    /** The allow-list as given, for logs and health details. */
    public String allowList() {
        return allowListText;
    }

    /**
     * Save time: the URL alone. Literal addresses and {@code localhost} names are judged here; other names pass and
     * are judged when called, by {@link #check}.
     */
    public Verdict checkUrl(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return new Refused("is not a URL");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return new Refused("'" + url + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Refused("must be an http or https URL, was '" + url + "'");
        }
        if (uri.getRawUserInfo() != null) {
            return new Refused("must not carry user info (credentials before '@'), was '" + url + "'");
        }
        String rawHost = uri.getHost();
        if (rawHost == null || rawHost.isEmpty()) {
            return new Refused("'" + url + "' has no host");
        }
        int port = uri.getPort() < 0 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
        if (port < 1 || port > 65535) {
            return new Refused("port " + uri.getPort() + " is not a port");
        }
        boolean bracketed = rawHost.startsWith("[");
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (bracketed) {
            host = host.substring(1, host.length() - 1);
            if (host.contains("%")) {
                return new Refused("IPv6 zone ids are not allowed in '" + url + "'");
            }
            if (literal(host) == null) {
                return new Refused("'" + rawHost + "' is not an IPv6 address");
            }
            host = canonical(host);
        } else if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        final String h = host;
        if (!judgeHosts) {
            return new Allowed(uri, host, port, true);
        }
        if (hosts.stream().anyMatch(e -> e.matches(h, port))) {
            return new Allowed(uri, host, port, true);
        }
        if (bracketed || DOTTED_QUAD.matcher(host).matches()) {
            Optional<String> why = refusedAddress(literal(host));
            if (why.isPresent()) {
                return new Refused("host " + host + " is " + why.get() + " address" + hint());
            }
            return new Allowed(uri, host, port, false);
        }
        if (NUMERIC_LOOKING.matcher(host).matches()) {
            return new Refused("host '" + host + "' is a numeric address in a form other than a.b.c.d; write it as a dotted quad");
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return new Refused("host " + host + " is a loopback name" + hint());
        }
        return new Allowed(uri, host, port, false);
    }

    /**
     * Call time: the URL and every address its host resolved to. Refused when the URL is, or when any address is
     * internal and not allow-listed; a host entry of the allow-list allows its host whatever it resolves to.
     */
    public Verdict check(@Nullable String url, Collection<InetAddress> resolved) {
        Verdict verdict = checkUrl(url);
        if (!(verdict instanceof Allowed allowed) || allowed.byAllowListed()) {
            return verdict;
        }
        if (resolved.isEmpty()) {
            return new Refused("host " + allowed.host() + " resolved to no address");
        }
        for (InetAddress address : resolved) {
            Optional<String> why = refusedAddress(address.getAddress());
            if (why.isPresent()) {
                return new Refused("host " + allowed.host() + " resolved to " + address.getHostAddress() + ", " + why.get()
                        + " address" + hint());
            }
        }
        return allowed;
    }

    /** Why this address may not be called, or empty when it may (public, or in an allow-listed range). */
    public Optional<String> refusedAddress(InetAddress address) {
        return refusedAddress(address.getAddress());
    }

    private Optional<String> refusedAddress(byte @Nullable [] address) {
        if (address == null) {
            return Optional.of("an unparseable");
        }
        if (ranges.stream().anyMatch(r -> r.contains(address))) {
            return Optional.empty();
        }
        for (Range range : INTERNAL) {
            if (range.contains(address)) {
                return Optional.of(range.label() + " (" + range.text() + ")");
            }
        }
        byte[] embedded = embeddedIpv4(address);
        if (embedded != null) {
            return refusedAddress(embedded).map(why -> "an IPv4-in-IPv6 form of " + why);
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address, if it is one. */
    private static byte @Nullable [] embeddedIpv4(byte[] address) {
        if (address.length != 16) {
            return null;
        }
        boolean zeros80 = allZero(address, 0, 10);
        if (zeros80 && (address[10] & 0xff) == 0xff && (address[11] & 0xff) == 0xff) {
            return Arrays.copyOfRange(address, 12, 16); // ::ffff:a.b.c.d
        }
        if (zeros80 && address[10] == 0 && address[11] == 0) {
            return Arrays.copyOfRange(address, 12, 16); // ::a.b.c.d (deprecated IPv4-compatible)
        }
        if (address[0] == 0 && address[1] == 0x64 && (address[2] & 0xff) == 0xff && (address[3] & 0xff) == 0x9b
                && allZero(address, 4, 12)) {
            return Arrays.copyOfRange(address, 12, 16); // 64:ff9b::a.b.c.d (NAT64)
        }
        if (address[0] == 0x20 && address[1] == 0x02) {
            return Arrays.copyOfRange(address, 2, 6); // 2002:aabb:ccdd::/48 (6to4)
        }
        return null;
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private String hint() {
        return "; outbound calls to internal addresses need an entry in the outbound allow-list (" + ALLOW_LIST_ENV + ")";
    }

    /** The bytes of a literal IPv4 dotted quad or IPv6 address; null for anything else. Never resolves a name. */
    private static byte @Nullable [] literal(String text) {
        if (DOTTED_QUAD.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            return bytes;
        }
        if (!text.contains(":") || !text.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            // With a ':' and only hex digits, ':' and '.', this parses a literal and never asks DNS.
            InetAddress address = InetAddress.getByName("[" + text + "]");
            if (address instanceof Inet4Address v4) {
                // The JDK turns ::ffff:a.b.c.d into an IPv4 address; keep the mapped form, the checks see through it.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(v4.getAddress(), 0, mapped, 12, 4);
                return mapped;
            }
            return address instanceof Inet6Address ? address.getAddress() : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String canonical(String ipv6) {
        byte[] bytes = literal(ipv6);
        if (bytes == null) {
            return ipv6;
        }
        try {
            return Inet6Address.getByAddress(null, bytes, -1).getHostAddress();
        } catch (UnknownHostException e) {
            return ipv6;
        }
    }
}
