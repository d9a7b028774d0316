package rig.devices.java;

import rig.devices.BlockHandler;
import rig.devices.DeviceControl;

/**
 * What a device server serves: the requests' handler and the device's control in one object,
 * plus the two things the server wires up: the journal summary and the hook that aborts the
 * kernel connection. The fault engine is adapted to it in {@link DeviceServer}.
 */
interface ServedEngine extends BlockHandler, DeviceControl, AutoCloseable {

    String journalSummary();

    /** Run by {@link #abort()} after the engine failed its held requests. */
    void onAbort(Runnable hook);

    @Override
    void close();
}
