package rig.devices.java;

/**
 * Every scenario of {@link JavaDeviceIT} with the device served by threads of the creating JVM
 * (as ./check serves its SCRATCH device): btrfs writes and reads back, a stall holds its writer,
 * abort unsticks a stalled umount, an error table fails a direct write with EIO at once, and a
 * SIGKILLed holder (which takes its serving threads with it) is swept without leftovers.
 */
class JavaDeviceInProcessIT extends JavaDeviceIT {

    @Override
    boolean inProcess() {
        return true;
    }
}
