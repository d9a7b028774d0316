package rig.triage.oops;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A kind of kernel report: the {@code header} a line must contain to start one, its title formats in
 * order, and the lines that contain the header but are not reports ({@code suppressions}).
 */
record Oops(String header, List<OopsFormat> formats, List<Pattern> suppressions) {
}
