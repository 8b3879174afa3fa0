package dev.afterhours.ingest.directory;

import dev.afterhours.directory.DirectoryPublisher;
import dev.afterhours.directory.DirectorySeed;
import dev.afterhours.directory.DirectorySnapshot;
import dev.afterhours.directory.DirectoryView;
import dev.afterhours.directory.InvalidDirectoryRecordException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Seeds the directory from {@code afterhours.directory.seed-file} when set: the file is read and validated while
 * the context starts (an invalid file fails startup, listing every problem), and once the view has loaded, the
 * records the directory does not hold yet are published, so a restart never undoes admin API changes.
 */
public final class DirectorySeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DirectorySeeder.class);

    private final @Nullable Path file;
    private final @Nullable DirectorySnapshot seed;
    private final DirectoryView view;
    private final DirectoryPublisher publisher;
    private final Duration loadTimeout;
    private volatile boolean done;

    public DirectorySeeder(String seedFile, DirectoryView view, DirectoryPublisher publisher, Duration loadTimeout) {
        this.view = view;
        this.publisher = publisher;
        this.loadTimeout = loadTimeout;
        if (seedFile.isBlank()) {
            this.file = null;
            this.seed = null;
            this.done = true;
            return;
        }
        this.file = Path.of(seedFile);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("Directory seed file " + file.toAbsolutePath() + " does not exist or is not readable");
        }
        try {
            this.seed = DirectorySeed.load(file, publisher.validator());
        } catch (InvalidDirectoryRecordException e) {
            throw new IllegalStateException("Directory seed file " + file + " is invalid:"
                    + e.problems().stream().map(p -> "\n  - " + p).collect(Collectors.joining()), e);
        }
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        if (seed == null) {
            return;
        }
        if (!view.awaitLoaded(loadTimeout)) {
            throw new IllegalStateException("The directory did not load within " + loadTimeout
                    + ", so the seed file " + file + " cannot be compared with it");
        }
        int published = publisher.seedMissing(seed, view);
        // Published is not yet visible: wait for our own view, so "ready" means the seeded clients resolve.
        long deadline = System.nanoTime() + loadTimeout.toNanos();
        while (!visible(seed) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (!visible(seed)) {
            throw new IllegalStateException("The seeded directory records did not show up in the view within " + loadTimeout);
        }
        log.info("Seeded the directory from {}: {} records published", file, published);
        done = true;
    }

    private boolean visible(DirectorySnapshot snapshot) {
        return snapshot.clients().stream().allMatch(c -> view.client(c.getClientId()).isPresent())
                && snapshot.staff().stream().allMatch(s -> view.staff(s.getStaffId()).isPresent())
                && snapshot.rotations().stream().allMatch(r -> view.rotation(r.getRotationId()).isPresent())
                && snapshot.escalationPolicies().stream().allMatch(p -> view.escalationPolicy(p.getPolicyId()).isPresent());
    }

    /** True when there is no seed file, or its missing records have been published. */
    public boolean isDone() {
        return done;
    }
}
