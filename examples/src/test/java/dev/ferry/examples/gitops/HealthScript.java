package dev.ferry.examples.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;

/**
 * Runs an Argo CD {@code health.lua} the way Argo CD runs a check from argocd-cm: the resource
 * as the global {@code obj}, with only the base, package and table libraries open (no string,
 * math or io), and the returned table read as status and message.
 */
final class HealthScript {

  private final String source;

  HealthScript(String source) {
    this.source = source;
  }

  /** The health Argo CD would show for {@code resource}. */
  HealthStatus evaluate(JsonNode resource) {
    Globals globals = new Globals();
    globals.load(new BaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.set("obj", toLua(resource));
    LuaValue result = globals.load(source, "health.lua").call();
    if (!result.istable()) {
      throw new AssertionError("health.lua returned " + result.typename() + ", not a table");
    }
    return new HealthStatus(text(result.get("status")), text(result.get("message")));
  }

  private static String text(LuaValue value) {
    return value.isnil() ? null : value.checkjstring();
  }

  /** JSON to Lua as Argo CD converts it: objects and arrays become tables, numbers doubles. */
  private static LuaValue toLua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        table.set(field.getKey(), toLua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, toLua(node.get(i)));
      }
      return table;
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    return LuaValue.valueOf(node.asText());
  }

  /** What a health check returns: Healthy, Progressing, Degraded, Suspended… and a message. */
  record HealthStatus(String status, String message) {}
}
