package rig.devices.fault;

/** Durations as tables write them: a decimal number and a unit (ns, us, ms, s, m, h, d). */
final class Durations {

    private Durations() {
    }

    /** Nanoseconds, or -1 when {@code text} is not a duration. */
    static long parse(String text) {
        int i = 0;
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        if (i == 0 || i == text.length()) {
            return -1;
        }
        double value;
        try {
            value = Double.parseDouble(text.substring(0, i));
        } catch (NumberFormatException e) {
            return -1;
        }
        double unit = switch (text.substring(i)) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            case "d" -> 86400e9;
            default -> -1;
        };
        return unit < 0 ? -1 : Math.round(value * unit);
    }
}
