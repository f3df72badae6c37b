package dev.ferry.worker.cdc.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import org.junit.jupiter.api.Test;

/** Which TABLE_MAP types a column definition of the schema history may be logged as. */
class BinlogTypesTest {

  @Test
  void aKnownDataTypeAgreesOnlyWithItsBinlogTypes() {
    assertThat(BinlogTypes.agree(ColumnType.LONG, "int")).isTrue();
    assertThat(BinlogTypes.agree(ColumnType.VARCHAR, "varbinary")).isTrue();
    assertThat(BinlogTypes.agree(ColumnType.BLOB, "mediumtext")).isTrue();
    assertThat(BinlogTypes.agree(ColumnType.DATETIME_V2, "datetime")).isTrue();
    assertThat(BinlogTypes.agree(ColumnType.LONG, "varchar")).isFalse();
    assertThat(BinlogTypes.agree(ColumnType.VARCHAR, "int")).isFalse();
    assertThat(BinlogTypes.agree(ColumnType.DATE, "datetime")).isFalse();
  }

  @Test
  void aMySqlJsonColumnAgreesWithItsCopyOnAMariaDbTarget() {
    assertThat(BinlogTypes.agree(ColumnType.JSON, "json")).isTrue();
    assertThat(BinlogTypes.agree(ColumnType.JSON, "longtext")).isTrue();
    assertThat(BinlogTypes.agree(ColumnType.JSON, "int")).isFalse();
  }

  @Test
  void aDataTypeItDoesNotKnowAgreesWithEveryBinlogType() {
    assertThat(BinlogTypes.agree(ColumnType.STRING, "uuid")).isTrue();
    assertThat(BinlogTypes.agree(ColumnType.LONG, "inet4")).isTrue();
  }
}
