package rig.engine.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The container's rig writes its results as root: they are handed to whoever owns the results
 * directory on this host (the tree's owner), so a user's tree never fills with root's files.
 */
final class HostOwnership {

    private HostOwnership() {
    }

    static void restore(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return;
        }
        Path owner = results.getParent() == null ? results : results.getParent();
        Object uid = Files.getAttribute(owner, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object gid = Files.getAttribute(owner, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        try (Stream<Path> walk = Files.walk(results)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS).equals(uid)
                        || !Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS).equals(gid)) {
                    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }
}
