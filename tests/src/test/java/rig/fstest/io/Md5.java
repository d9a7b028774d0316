package rig.fstest.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** md5sum(1) of a file's contents, read through the page cache as md5sum does: what the ITs compare copies with. */
public final class Md5 {
    private Md5() {
    }

    public static String of(Path file) throws IOException {
        MessageDigest md = newDigest();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf.clear()) > 0) {
                md.update(buf.flip());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String of(byte[] data) {
        return HexFormat.of().formatHex(newDigest().digest(data));
    }

    /** md5sum(1)'s line: "hash  path". */
    public static String line(String hash, String shownPath) {
        return hash + "  " + shownPath;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5 MessageDigest", e);
        }
    }
}
