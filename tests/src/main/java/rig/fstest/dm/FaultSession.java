package rig.fstest.dm;

import java.io.IOException;
import rig.devices.FaultyDevice;
import rig.fstest.fs.Filesystem;

/**
 * The faulty device a dmerror or dmflakey helper works on: opened once by its init, the scratch
 * filesystem on it, closed by its cleanup.
 */
final class FaultSession {
    private final Filesystem scratch;
    private final FaultDevices.Opener opener;
    private final String helper;
    private FaultDevices.Opened opened;
    private Filesystem fs;

    /** {@code helper} names the fstests helper in errors ("dmerror", "flakey"). */
    FaultSession(Filesystem scratch, FaultDevices.Opener opener, String helper) {
        this.scratch = scratch;
        this.opener = opener;
        this.helper = helper;
    }

    /** Opens the faulty device on the first call; returns it. */
    FaultyDevice open() throws IOException {
        if (opened == null) {
            opened = opener.open();
            fs = scratch.on(opened.device().path().toString());
        }
        return opened.device();
    }

    FaultyDevice device() {
        if (opened == null) {
            throw new IllegalStateException(helper + " used before " + helper + ".init()");
        }
        return opened.device();
    }

    String devicePath() {
        return device().path().toString();
    }

    /** The scratch filesystem on the faulty device. */
    Filesystem filesystem() {
        device();
        return fs;
    }

    /** Unmounts if mounted and closes the device (the dm device, if any, is removed). Safe to repeat. */
    void cleanup() throws IOException {
        if (fs != null) {
            fs.unmountQuietly();
        }
        if (opened != null) {
            try {
                opened.close();
            } finally {
                opened = null;
            }
        }
    }
}
