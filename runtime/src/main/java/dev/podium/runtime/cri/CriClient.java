package dev.podium.runtime.cri;

import dev.podium.runtime.cri.v1.ImageServiceGrpc;
import dev.podium.runtime.cri.v1.RuntimeServiceGrpc;
import dev.podium.runtime.cri.v1.VersionRequest;
import dev.podium.runtime.cri.v1.VersionResponse;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC connection to a CRI runtime's unix socket, as the kubelet keeps one: the two CRI v1 services
 * with a deadline on every call ({@link #runtime()}, {@link #images()}; long calls pass their own).
 */
public final class CriClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final Duration timeout;

    public CriClient(Path socket, Duration timeout) {
        this.channel = Grpc.newChannelBuilder("unix://" + socket.toAbsolutePath(), InsecureChannelCredentials.create())
                .maxInboundMessageSize(16 << 20).build();
        this.timeout = timeout;
    }

    public RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime() {
        return runtime(timeout);
    }

    public RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime(Duration deadline) {
        return RuntimeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public ImageServiceGrpc.ImageServiceBlockingStub images(Duration deadline) {
        return ImageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public ImageServiceGrpc.ImageServiceBlockingStub images() {
        return images(timeout);
    }

    public VersionResponse version() {
        return runtime().version(VersionRequest.newBuilder().setVersion("v1").build());
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
