package vn.hoso;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data as real feeds carry it, not as the generator writes it: every form that once got past the
 * masking. Tests land these and then assert that none of {@link #VALUES} and no long digit run survives.
 */
public final class Hostile {
    public static final String NAME = "Trần Văn Tám";
    public static final String NAME_2 = "Lê Văn Tám";
    public static final String STREET = "Lê Lợi";
    public static final String WARD = "Quy Nhơn";
    public static final String HELPER = "Phạm Thị Bảy";
    public static final List<String> PHONES = List.of("(+84) 90 123 4567", "090 1234 567", "090-1234-567",
            "0084 90 123 4567", "(028) 3822 1234");
    public static final List<String> IDS = List.of("0012 3456 7890", "0012.3456.7890", "\uFF10\uFF10\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18\uFF19\uFF10",
            "001234567890", "001234567890\u00A0", "0012\u00A03456\u202F7890");
    public static final String EMAIL = "lê.văn.tám@bưuđiện.vn";
    public static final String FREE_TEXT = "cho ông " + NAME_2 + ", CCCD 0012 3456 7890, ĐT (+84) 90 123 4567";

    /** What must never be found in any stored or published text. */
    public static final List<String> VALUES = List.of(NAME, NAME_2, STREET, WARD, HELPER, EMAIL, "Trần", "Tám",
            "bưuđiện", "0012 3456", "3822 1234", "90 123 4567", "1234 567", "1234-567", "\uFF10\uFF10\uFF11\uFF12");

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u00A0\\u202F.\\-()+]");
    private static final Pattern LONG_DIGITS = Pattern.compile("\\d{9,}");

    private Hostile() {
    }

    /** The personal fields in every disguise, for a line that still parses as JSON (ends with no brace). */
    public static String personalFields() {
        return "\"chuHoSo\":\"" + NAME + "\",\"DIACHI\":{\"SoNha\":\"12\",\"Duong\":{\"Ten\":\"" + STREET + "\"},\"Phuong\":\""
                + WARD + "\"},\"Ch\\u0075HoSo\":\"" + NAME + "\",\"SoDienThoai\":[\"" + PHONES.get(0) + "\",[\"" + PHONES.get(1)
                + "\"],{\"x\":\"" + PHONES.get(2) + "\"}],\"Email\":\"" + EMAIL + "\",\"SoGiayToChuHoSo\":\"" + IDS.get(0)
                + "\",\"NguoiNopThay\":\"" + HELPER + "\",\"GhiChu\":\"gọi " + PHONES.get(3) + " hoặc " + PHONES.get(4) + ", "
                + EMAIL + ", CCCD " + IDS.get(1) + " / " + IDS.get(2) + "\",\"TenTTHC\":\"" + FREE_TEXT + "\"";
    }

    /** The same data on a line that does not parse: values without quotes (Jackson: "Unrecognized token 'Trần'"). */
    public static String unparsable() {
        return "{\"MaHoSo\":\"HX-2\",\"ChuHoSo\":" + NAME + ",\"SoDienThoai\":" + PHONES.get(0) + ",\"DiaChi\":{\"Duong\":" + STREET
                + "}, " + WARD + ",\"Email\":" + EMAIL + ",\"SoGiayToChuHoSo\":" + IDS.get(2) + ",\"GhiChu\":" + IDS.get(1)
                + " " + PHONES.get(4) + ",\"NguoiNopThay\":\"" + HELPER + "\",\"Ch\\u0075HoSo\":\"\\u0054r\\u1ea7n\"}";
    }

    /** Fails when {@code text} holds a hostile value or, separators removed, 9 or more digits in a row. */
    public static void assertClean(String what, String text) {
        if (text == null) {
            return;
        }
        assertThat(text).as(what).doesNotContain(VALUES);
        for (String p : PHONES) {
            assertThat(text).as(what).doesNotContain(p);
        }
        String joined = SEPARATORS.matcher(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)).replaceAll("");
        assertThat(LONG_DIGITS.matcher(joined).find()).as(what + ": a run of 9+ digits in " + text).isFalse();
    }
}
