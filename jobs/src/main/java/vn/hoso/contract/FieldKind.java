package vn.hoso.contract;

/** The value kinds the contract files use. */
public enum FieldKind {
    STRING, INTEGER, NUMBER, TIMESTAMP, DATE, ARRAY, ANY;

    static FieldKind of(String name) {
        return switch (name) {
            case "string" -> STRING;
            case "integer" -> INTEGER;
            case "number" -> NUMBER;
            case "timestamp" -> TIMESTAMP;
            case "date" -> DATE;
            case "array" -> ARRAY;
            default -> throw new IllegalArgumentException("unknown field type in contract: " + name);
        };
    }
}
