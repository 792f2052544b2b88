package vn.hoso.generate;

/** Zero-padded numbers for codes and ID numbers, without {@link String#format}'s cost on hot paths. */
final class Text {
    private Text() {
    }

    /** {@code value} (non-negative) in at least {@code width} digits. */
    static String zeroPad(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
