package rig.devices;

/**
 * What both backends share: the dmerror bad ranges (the error table is built from them by each
 * backend in its own table language) and the description of the choice that picked the backend.
 */
abstract class BadRangesDevice implements FaultyDevice {

    final BadRanges bad;
    private final String choice;

    BadRangesDevice(long sectors, String choice) {
        this.bad = new BadRanges(sectors);
        this.choice = choice;
    }

    @Override
    public long sectors() {
        return bad.sectors();
    }

    @Override
    public String choice() {
        return choice;
    }

    @Override
    public void resetErrorTable() {
        bad.reset();
    }

    @Override
    public void markRangeBad(long sector, long sectors) {
        bad.markBad(sector, sectors);
    }

    @Override
    public void markRangeGood(long sector, long sectors) {
        bad.markGood(sector, sectors);
    }
}
