package vn.hoso.generate;

/** The dated feeds of the landing zone. */
enum Feed {
    DOSSIERS("dossiers"), RATINGS("ratings"), FEEDBACK("feedback");

    final String folder;

    Feed(String folder) {
        this.folder = folder;
    }
}
