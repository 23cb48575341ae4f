package io.pxrcad.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTest {
    @Test
    void quotedFieldsEscapesAndCrlf() throws Exception {
        List<Csv.Row> rows = Csv.parse("a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",\r\n\r\nlast,\"multi\nline\",z");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).fields()).containsExactly("a", "b", "c");
        assertThat(rows.get(1).fields()).containsExactly("x,y", "say \"hi\"", "");
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(2).fields()).containsExactly("last", "multi\nline", "z");
        assertThat(rows.get(2).line()).isEqualTo(4);
    }

    @Test
    void linesAfterAMultiLineFieldKeepTheirNumbers() throws Exception {
        List<Csv.Row> rows = Csv.parse("h\n\"a\nb\"\nc\n");
        assertThat(rows).extracting(Csv.Row::line).containsExactly(1, 2, 4);
    }

    @Test
    void bomAndEmptyQuotedLastField() throws Exception {
        List<Csv.Row> rows = Csv.parse("\uFEFFa,b\n1,\"\"");
        assertThat(rows.get(0).fields()).containsExactly("a", "b");
        assertThat(rows.get(1).fields()).containsExactly("1", "");
    }

    @Test
    void unterminatedQuote() {
        assertThatThrownBy(() -> Csv.parse("a\n\"open,x\n")).isInstanceOf(Csv.SyntaxException.class)
                .satisfies(e -> assertThat(((Csv.SyntaxException) e).line()).isEqualTo(2));
    }
}
