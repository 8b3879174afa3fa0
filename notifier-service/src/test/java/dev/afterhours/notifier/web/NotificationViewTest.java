package dev.afterhours.notifier.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationViewTest {

    @Test
    void theHistoryShowsWhereAPageWentButNoCredentialInItsUrl() {
        assertThat(NotificationView.shown("https://hooks.example:8443/pager/alice?token=s3cr3t#frag"))
                .isEqualTo("https://hooks.example:8443/pager/alice");
        assertThat(NotificationView.shown("https://user:pass@hooks.example/pager")).isEqualTo("https://hooks.example/pager");
        assertThat(NotificationView.shown("http://localhost:8099/pager/carol")).isEqualTo("http://localhost:8099/pager/carol");
        assertThat(NotificationView.shown("alice@agency.example")).isEqualTo("alice@agency.example");
        assertThat(NotificationView.shown("http://exa mple/x?token=1")).doesNotContain("token");
        assertThat(NotificationView.shown(null)).isNull();
    }

    @Test
    void aResolutionShowsWhoResolvedAndTheHandoverNote() {
        var event = dev.afterhours.contracts.NotificationEvent.newBuilder().setEventId("e").setNotificationId("esc-1")
                .setEscalationId("esc-1").setClientId("acme-shop").setOccurredAt(java.time.Instant.EPOCH)
                .setPayload(dev.afterhours.contracts.NotificationResolved.newBuilder().setStaffId("alice")
                        .setNote("restarted the worker").build()).build();
        NotificationView view = NotificationView.of(event);
        assertThat(view.type()).isEqualTo("RESOLVED");
        assertThat(view.staffId()).isEqualTo("alice");
        assertThat(view.note()).isEqualTo("restarted the worker");
    }
}
