package dev.afterhours.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.contracts.StaffMember;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutboundUrlPolicyTest {

    private final OutboundUrlPolicy strict = OutboundUrlPolicy.denyInternal();

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An IPv6 address exactly as given in hex, so the JDK cannot turn an IPv4-mapped one into IPv4. */
    private static InetAddress v6(String hex32) {
        try {
            return Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex32), -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(OutboundUrlPolicy.Verdict verdict) {
        assertThat(verdict).isInstanceOf(OutboundUrlPolicy.Refused.class);
        return ((OutboundUrlPolicy.Refused) verdict).reason();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1/x", "http://127.1.2.3:8080/x", "http://10.0.0.1/x", "http://10.255.255.255/x",
            "http://172.16.0.1/x", "http://172.31.255.254/x", "http://192.168.1.1/x", "http://169.254.169.254/latest/meta-data",
            "http://169.254.0.1/x", "http://0.0.0.0/x", "http://0.1.2.3/x", "http://100.64.0.1/x", "http://224.0.0.1/x",
            "http://239.255.255.250/x", "http://240.0.0.1/x", "http://255.255.255.255/x", "http://198.18.0.1/x",
            "http://[::1]/x", "http://[::]/x", "http://[fe80::1]/x", "http://[febf::1]/x", "http://[fc00::1]/x",
            "http://[fd12:3456::1]/x", "http://[ff02::1]/x", "http://[::ffff:127.0.0.1]/x", "http://[::ffff:7f00:1]/x",
            "http://[::ffff:169.254.169.254]/x", "http://[::ffff:10.0.0.1]/x", "http://[::ffff:0.0.0.0]/x",
            "http://[::127.0.0.1]/x", "http://[64:ff9b::a00:1]/x", "http://[2002:a9fe:a9fe::1]/x",
            "http://localhost:8099/x", "http://LOCALHOST/x", "http://api.localhost/x", "http://127.0.0.1./x",
            "http://2130706433/x", "http://0x7f000001/x", "http://0x7f.1/x", "http://127.1/x", "http://0177.0.0.1/x",
            "http://010.0.0.1/x"})
    void internalAddressesAndTheirDisguisesAreRefusedAtSaveTime(String url) {
        assertThat(strict.checkUrl(url).allowed()).as(url).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:///x", "mailto:x", "ftp://pager.example/x", "file:///etc/passwd", "gopher://pager.example/",
            "http://user:pw@pager.example/x", "https://pager.example@evil.example/x", "not a url", "", "//pager.example/x",
            "http://[::1%25eth0]/x", "http://pager.example:0/x"})
    void urlsOfTheWrongShapeAreRefused(String url) {
        assertThat(strict.checkUrl(url).allowed()).as(url).isFalse();
        assertThat(OutboundUrlPolicy.shapeOnly().checkUrl(url).allowed()).as("shape only: " + url).isFalse();
    }

    @Test
    void publicAddressesAndNamesAreAllowed() {
        assertThat(strict.checkUrl("https://pager.example/hooks/alice").allowed()).isTrue();
        assertThat(strict.checkUrl("http://93.184.216.34:8080/x").allowed()).isTrue();
        assertThat(strict.checkUrl("http://172.32.0.1/x").allowed()).as("just outside 172.16/12").isTrue();
        assertThat(strict.checkUrl("http://[2606:4700::1111]/x").allowed()).isTrue();
        assertThat(strict.checkUrl("http://[::ffff:93.184.216.34]/x").allowed()).isTrue();
    }

    @Test
    void theReasonNamesTheRangeAndTheAllowList() {
        assertThat(reason(strict.checkUrl("http://169.254.169.254/latest"))).contains("169.254.0.0/16", "link-local",
                OutboundUrlPolicy.ALLOW_LIST_ENV);
        assertThat(reason(strict.checkUrl("http://[::ffff:127.0.0.1]/x"))).contains("IPv4-in-IPv6", "127.0.0.0/8");
        assertThat(reason(strict.checkUrl("http:///x"))).contains("no host");
        assertThat(reason(strict.checkUrl("mailto:x"))).contains("http or https");
    }

    @Test
    void atCallTimeEveryResolvedAddressIsChecked() {
        String url = "https://pager.example/hooks/alice";
        assertThat(strict.check(url, List.of(ip("93.184.216.34"))).allowed()).isTrue();
        // DNS rebinding: a name that passed at save time now resolves inward, or partly inward.
        assertThat(reason(strict.check(url, List.of(ip("93.184.216.34"), ip("10.0.0.1"))))).contains("10.0.0.1", "private");
        assertThat(reason(strict.check(url, List.of(ip("169.254.169.254"))))).contains("169.254.169.254");
        assertThat(strict.check(url, List.of(ip("::1")))).isInstanceOf(OutboundUrlPolicy.Refused.class);
        assertThat(strict.check(url, List.of(v6("00000000000000000000ffff7f000001")))).as("::ffff:127.0.0.1 as IPv6")
                .isInstanceOf(OutboundUrlPolicy.Refused.class);
        assertThat(strict.check(url, List.of(v6("00000000000000000000ffffa9fea9fe")))).as("::ffff:169.254.169.254")
                .isInstanceOf(OutboundUrlPolicy.Refused.class);
        assertThat(strict.check(url, List.of(v6("fe800000000000000000000000000001")))).isInstanceOf(OutboundUrlPolicy.Refused.class);
        assertThat(strict.check(url, List.of())).isInstanceOf(OutboundUrlPolicy.Refused.class);
        assertThat(strict.check("http://10.0.0.1/x", List.of(ip("93.184.216.34")))).as("the literal itself is judged")
                .isInstanceOf(OutboundUrlPolicy.Refused.class);
    }

    @Test
    void aHostEntryAllowsThatHostOnThatPortWhateverItResolvesTo() {
        OutboundUrlPolicy policy = OutboundUrlPolicy.parse("localhost:8099, pager.internal");

        assertThat(policy.checkUrl("http://localhost:8099/pager/alice").allowed()).isTrue();
        assertThat(policy.check("http://localhost:8099/pager/alice", List.of(ip("127.0.0.1"), ip("::1"))).allowed()).isTrue();
        assertThat(policy.checkUrl("http://localhost:8098/pager/alice").allowed()).as("another port").isFalse();
        assertThat(policy.checkUrl("http://127.0.0.1:8099/pager/alice").allowed()).as("another spelling").isFalse();
        assertThat(policy.check("https://pager.internal/x", List.of(ip("10.1.2.3"))).allowed()).as("any port").isTrue();
        assertThat(policy.check("https://other.internal/x", List.of(ip("10.1.2.3"))).allowed()).isFalse();
        assertThat(policy.checkUrl("http://169.254.169.254/").allowed()).isFalse();
    }

    @Test
    void aCidrEntryAllowsAddressesInItAsLiteralsOrResolved() {
        OutboundUrlPolicy policy = OutboundUrlPolicy.parse("10.20.0.0/16 127.0.0.1/32,fd00::/8");

        assertThat(policy.checkUrl("http://10.20.3.4/x").allowed()).isTrue();
        assertThat(policy.checkUrl("http://10.21.0.1/x").allowed()).isFalse();
        assertThat(policy.check("http://pager.corp/x", List.of(ip("10.20.9.9"))).allowed()).isTrue();
        assertThat(policy.check("http://pager.corp/x", List.of(ip("10.20.9.9"), ip("10.30.0.1"))).allowed()).isFalse();
        assertThat(policy.checkUrl("http://127.0.0.1:1234/x").allowed()).isTrue();
        assertThat(policy.checkUrl("http://127.0.0.2/x").allowed()).isFalse();
        assertThat(policy.checkUrl("http://[::ffff:127.0.0.1]/x").allowed()).as("mapped form of an allowed address").isTrue();
        assertThat(policy.checkUrl("http://[fd00::5]/x").allowed()).isTrue();
        assertThat(policy.checkUrl("http://[fc00::5]/x").allowed()).isFalse();
        assertThat(policy.checkUrl("http://localhost/x").allowed()).as("names are not ranges").isFalse();
    }

    @Test
    void aBadAllowListEntryIsRefusedNamingIt() {
        assertThatThrownBy(() -> OutboundUrlPolicy.parse("localhost:8099, 10.0.0.0/33, http://x, ::1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'10.0.0.0/33'").hasMessageContaining("'http://x'").hasMessageContaining("'::1'")
                .hasMessageNotContaining("'localhost:8099'");
        assertThat(OutboundUrlPolicy.parse("  ").checkUrl("http://127.0.0.1/").allowed()).isFalse();
    }

    @Test
    void theValidatorRefusesAnInternalWebhookNamingTheFieldUnlessAllowListed() {
        StaffMember staff = StaffMember.newBuilder().setStaffId("alice").setName("Alice").setZone("UTC")
                .setWebhookUrl("http://169.254.169.254/latest/meta-data").build();

        assertThat(DirectoryValidator.withOutboundPolicy(strict).problemsOf(staff))
                .singleElement().asString().startsWith("webhookUrl: ").contains("169.254.169.254");
        assertThat(DirectoryValidator.withOutboundPolicy(OutboundUrlPolicy.parse("169.254.169.254")).problemsOf(staff)).isEmpty();
        assertThat(DirectoryValidator.problems(staff)).as("shape only").isEmpty();
        assertThat(DirectoryValidator.problems(StaffMember.newBuilder(staff).setWebhookUrl("http:///x").build()))
                .singleElement().asString().startsWith("webhookUrl: ");
    }
}
