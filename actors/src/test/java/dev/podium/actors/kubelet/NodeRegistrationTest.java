package dev.podium.actors.kubelet;

import dev.podium.actors.objects.ObjectClient;
import dev.podium.actors.objects.ObjectCommand;
import dev.podium.actors.objects.ObjectReply;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class NodeRegistrationTest {
    private final List<CompletableFuture<ObjectReply>> asks = new ArrayList<>();
    private final ObjectClient slowStore = (kind, entityId, command) -> {
        CompletableFuture<ObjectReply> reply = new CompletableFuture<>();
        asks.add(reply);
        return reply;
    };
    private final NodeRegistration registration = new NodeRegistration(new LocalNode("n1", 2, 1L << 30, 110, null, "127.0.0.1"),
            slowStore, Clock.systemUTC(), 10250, LoggerFactory.getLogger(NodeRegistrationTest.class));

    @Test
    void aRenewalIsSkippedWhileThePreviousOneIsUnanswered() {
        registration.renewLease();
        registration.renewLease();
        registration.renewLease();
        assertThat(asks).hasSize(1);
        asks.get(0).completeExceptionally(new java.util.concurrent.TimeoutException("slow store"));
        registration.renewLease();
        assertThat(asks).as("the next renewal goes out once the previous one is answered, even by a failure").hasSize(2);
    }
}
