package dev.afterhours.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientLabelsTest {

    @Test
    void theFirstClientsKeepTheirNameForGood_laterOnesAreOther() {
        ClientLabels labels = new ClientLabels(2);

        assertThat(labels.of("acme-shop")).isEqualTo("acme-shop");
        assertThat(labels.of("bergmann")).isEqualTo("bergmann");
        assertThat(labels.of("third")).isEqualTo(ClientLabels.OTHER);
        assertThat(labels.of("acme-shop")).isEqualTo("acme-shop");
        assertThat(labels.of("third")).isEqualTo(ClientLabels.OTHER);
    }

    @Test
    void zeroNamesNobody_andANegativeLimitIsRefused() {
        assertThat(new ClientLabels(0).of("acme-shop")).isEqualTo(ClientLabels.OTHER);
        assertThatThrownBy(() -> new ClientLabels(-1)).hasMessageContaining("client-labels");
    }
}
