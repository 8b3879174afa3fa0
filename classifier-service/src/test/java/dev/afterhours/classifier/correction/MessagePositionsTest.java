package dev.afterhours.classifier.correction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afterhours.classifier.correction.MessagePositions.Position;
import org.junit.jupiter.api.Test;

class MessagePositionsTest {

    @Test
    void findsWhatWasPutAndNothingElse() {
        MessagePositions positions = new MessagePositions();
        positions.put("msg-1", 0, 0);
        positions.put("msg-2", 2, 41);

        assertThat(positions.get("msg-1")).isEqualTo(new Position(0, 0));
        assertThat(positions.get("msg-2")).isEqualTo(new Position(2, 41));
        assertThat(positions.get("msg-3")).isNull();
        assertThat(positions.size()).isEqualTo(2);
    }

    @Test
    void aReclassifiedMessageMovesToItsLatestPosition() {
        MessagePositions positions = new MessagePositions();
        positions.put("msg-1", 1, 10);
        positions.put("msg-1", 1, 99);

        assertThat(positions.get("msg-1")).isEqualTo(new Position(1, 99));
        assertThat(positions.size()).isEqualTo(1);
    }

    @Test
    void growsAndKeepsEveryEntryAtSixteenBytesASlot() {
        MessagePositions positions = new MessagePositions(16);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            positions.put("msg-" + i, i % 12, i * 3L);
        }

        assertThat(positions.size()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(positions.get("msg-" + i)).isEqualTo(new Position(i % 12, i * 3L));
        }
        assertThat(positions.get("msg-" + n)).isNull();
        // Load factor at most 3/4, at least 3/8 after a doubling: between 21 and 43 bytes a message.
        assertThat(positions.footprintBytes()).isEqualTo(positions.capacity() * 16L)
                .isBetween(n * 16L * 4 / 3, n * 16L * 8 / 3);
    }

    @Test
    void extremePositionsSurviveThePacking() {
        MessagePositions positions = new MessagePositions();
        positions.put("last", MessagePositions.MAX_PARTITION, MessagePositions.MAX_OFFSET);

        assertThat(positions.get("last")).isEqualTo(new Position(MessagePositions.MAX_PARTITION, MessagePositions.MAX_OFFSET));
        assertThatThrownBy(() -> positions.put("x", MessagePositions.MAX_PARTITION + 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> positions.put("x", 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHashIsNeverTheEmptyMarker() {
        assertThat(MessagePositions.hash("")).isNotZero();
        assertThat(MessagePositions.hash("msg-1")).isNotEqualTo(MessagePositions.hash("msg-2"));
    }
}
