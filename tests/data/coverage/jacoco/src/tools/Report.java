import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IBundleCoverage;
import org.jacoco.core.tools.ExecFileLoader;
import org.jacoco.report.DirectorySourceFileLocator;
import org.jacoco.report.IReportVisitor;
import org.jacoco.report.csv.CSVFormatter;
import org.jacoco.report.xml.XMLFormatter;

/** What the JaCoCo CLI's "report" command does (Debian ships no org.jacoco.cli jar):
 *  Report EXEC CLASSDIR SRCDIR NAME OUT.xml OUT.csv */
public class Report {
    public static void main(String[] a) throws IOException {
        ExecFileLoader loader = new ExecFileLoader();
        loader.load(new File(a[0]));
        CoverageBuilder builder = new CoverageBuilder();
        new Analyzer(loader.getExecutionDataStore(), builder).analyzeAll(new File(a[1]));
        IBundleCoverage bundle = builder.getBundle(a[3]);
        for (String[] out : new String[][] {{a[4], "xml"}, {a[5], "csv"}}) {
            try (OutputStream os = new FileOutputStream(out[0])) {
                IReportVisitor v = out[1].equals("xml")
                        ? new XMLFormatter().createVisitor(os)
                        : new CSVFormatter().createVisitor(os);
                v.visitInfo(loader.getSessionInfoStore().getInfos(), loader.getExecutionDataStore().getContents());
                v.visitBundle(bundle, new DirectorySourceFileLocator(new File(a[2]), "utf-8", 4));
                v.visitEnd();
            }
        }
    }
}
