package vn.hoso.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The report as a PDF: the HTML page rendered by openhtmltopdf, with the Vietnamese font embedded. */
public final class PdfReport {
    private PdfReport() {
    }

    public static void write(ReportData d, OutputStream out) throws IOException {
        PdfRendererBuilder b = new PdfRendererBuilder();
        b.useFastMode();
        b.useFont(() -> new ByteArrayInputStream(HtmlReport.resource(HtmlReport.FONT_REGULAR)), Charts.FONT, 400,
                com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL, true);
        b.useFont(() -> new ByteArrayInputStream(HtmlReport.resource(HtmlReport.FONT_BOLD)), Charts.FONT, 700,
                com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle.NORMAL, true);
        b.useSVGDrawer(new BatikSVGDrawer());
        b.withHtmlContent(HtmlReport.render(d, false), null);
        b.toStream(out);
        b.run();
    }
}
