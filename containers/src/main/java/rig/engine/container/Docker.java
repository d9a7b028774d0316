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

    static final Path SOCKET = Path.of("/var/run/docker.sock");
    static final String START = "dockerd > /var/log/dockerd.log 2>&1 & (or: systemctl start docker)";

    private Docker() {
    }

    /** The client; the daemon must answer on its socket ({@link HostNotReadyException}, exit status 2, when not). */
    static DockerClient client() throws HostNotReadyException {
        if (!answers()) {
            throw new HostNotReadyException("no docker daemon answers on " + SOCKET + ": start it: " + START);
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new HostNotReadyException("the docker daemon on " + SOCKET + " refuses testcontainers' client (see"
                    + " /var/log/dockerd.log); restart it: " + START);
        }
        return DockerClientFactory.instance().client();
    }

    /** Something accepts connections on the daemon's socket (DOCKER_HOST, when set, is left to the client). */
    static boolean answers() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(SOCKET))) {
            return ch.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
