package rig.engine.container;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;
import rig.sys.HostNotReadyException;

/**
 * The docker daemon, through testcontainers' client. Its socket is tried first, so that a daemon
 * that is not running is one line naming the command that starts it, never a page of client
 * strategies' failures. testcontainers' Ryuk cannot be pulled here: bin/rig disables it, and the
 * rig's registry removes what a killed run leaves ({@link DockerContainerRemover}).
 */
final class Docker {

    static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");
    static final String START = "bin/dockerd-up (or: systemctl start docker)";

    private Docker() {
    }

    /** The client; the daemon must answer on its socket ({@link HostNotReadyException}, exit status 2, when not). */
    static DockerClient client() throws HostNotReadyException {
        if (!answers()) {
            throw new HostNotReadyException("no docker daemon answers on " + socket() + ": start it: " + START);
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new HostNotReadyException("the docker daemon on " + socket() + " refuses testcontainers' client (see"
                    + " /var/log/dockerd.log); restart it: " + START);
        }
        return DockerClientFactory.instance().client();
    }

    /** The daemon's socket: DOCKER_HOST's when it names one (unix://PATH), else the default. */
    static Path socket() {
        return socket(System.getenv("DOCKER_HOST"));
    }

    static Path socket(String dockerHost) {
        return dockerHost != null && dockerHost.startsWith("unix://") ? Path.of(dockerHost.substring("unix://".length()))
                : DEFAULT_SOCKET;
    }

    /** Something accepts connections on the daemon's socket (a DOCKER_HOST over TCP is left to the client). */
    static boolean answers() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && !host.isBlank() && !host.startsWith("unix://")) {
            return true;
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket()))) {
            return ch.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
