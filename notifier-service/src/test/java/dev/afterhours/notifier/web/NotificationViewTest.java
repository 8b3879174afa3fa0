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
}
