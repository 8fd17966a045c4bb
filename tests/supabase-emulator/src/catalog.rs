//! What the emulator needs to know about tables and functions in `public`, read from
//! `pg_catalog` for every request (so a test's DDL is seen at once, with no schema cache to reload).

use postgres::Transaction;

/// Quotes an identifier: `a"b` → `"a""b"`.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Quotes a string literal (standard_conforming_strings is on): `it's` → `'it''s'`.
pub fn literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    /// The type without its modifier (`character varying`, not `character varying(255)`).
    pub type_name: String,
    /// The default expression, as `pg_get_expr` prints it.
    pub default: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub primary_key: Vec<String>,
}

impl Table {
    /// `"public"."name"`.
    pub fn qualified(&self) -> String {
        format!("\"public\".{}", ident(&self.name))
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// `"public"."table"."column"`.
    pub fn qualified_column(&self, column: &str) -> String {
        format!("{}.{}", self.qualified(), ident(column))
    }
}

/// A table, view, materialized view, foreign or partitioned table in `public`.
pub fn table(tx: &mut Transaction<'_>, name: &str) -> Result<Option<Table>, postgres::Error> {
    let rows = tx.query(
        "SELECT a.attname::text, format_type(a.atttypid, NULL), pg_get_expr(d.adbin, d.adrelid),
                EXISTS (SELECT 1 FROM pg_index i
                        WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey))
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum AND a.attgenerated = ''
         WHERE n.nspname = 'public' AND c.relname = $1::text AND c.relkind IN ('r', 'v', 'm', 'f', 'p')
         ORDER BY a.attnum",
        &[&name],
    )?;
    if rows.is_empty() {
        return Ok(None);
    }
    let mut table = Table { name: name.to_owned(), columns: Vec::new(), primary_key: Vec::new() };
    for row in rows {
        let column: String = row.get(0);
        if row.get::<_, bool>(3) {
            table.primary_key.push(column.clone());
        }
        table.columns.push(Column { name: column, type_name: row.get(1), default: row.get(2) });
    }
    Ok(Some(table))
}

#[derive(Debug, Clone)]
pub struct Param {
    /// Empty for an unnamed parameter.
    pub name: String,
    pub type_name: String,
    pub variadic: bool,
}

#[derive(Debug, Clone)]
pub struct Function {
    pub name: String,
    /// The input parameters (IN, INOUT, VARIADIC), in order.
    pub params: Vec<Param>,
    /// How many of the last input parameters have defaults.
    pub defaults: usize,
    pub volatile: bool,
    pub returns_set: bool,
    /// Returns a row type (a table's, `RETURNS TABLE`, OUT parameters, `record`).
    pub returns_composite: bool,
    pub returns_void: bool,
}

impl Function {
    pub fn required(&self) -> &[Param] {
        &self.params[..self.params.len().saturating_sub(self.defaults)]
    }

    /// `public.fn(a => integer, b => text)`, as PostgREST names candidates.
    pub fn signature(&self) -> String {
        let params: Vec<String> = self.params.iter().map(|p| format!("{} => {}", p.name, p.type_name)).collect();
        format!("public.{}({})", self.name, params.join(", "))
    }
}

/// Every overload of `public.<name>` (plain functions, not procedures or aggregates).
pub fn functions(tx: &mut Transaction<'_>, name: &str) -> Result<Vec<Function>, postgres::Error> {
    let rows = tx.query(
        "SELECT p.provolatile = 'v', p.proretset, p.pronargdefaults::int4,
                p.prorettype = 'void'::regtype,
                t.typtype = 'c' OR p.prorettype = 'record'::regtype,
                ARRAY(SELECT coalesce(p.proargnames[i], '')
                      FROM generate_series(1, coalesce(array_length(p.proallargtypes, 1), p.pronargs)) i
                      WHERE coalesce(p.proargmodes[i], 'i') IN ('i', 'b', 'v') ORDER BY i),
                ARRAY(SELECT format_type(coalesce(p.proallargtypes[i], p.proargtypes[i - 1]), NULL)
                      FROM generate_series(1, coalesce(array_length(p.proallargtypes, 1), p.pronargs)) i
                      WHERE coalesce(p.proargmodes[i], 'i') IN ('i', 'b', 'v') ORDER BY i),
                ARRAY(SELECT coalesce(p.proargmodes[i], 'i') = 'v'
                      FROM generate_series(1, coalesce(array_length(p.proallargtypes, 1), p.pronargs)) i
                      WHERE coalesce(p.proargmodes[i], 'i') IN ('i', 'b', 'v') ORDER BY i)
         FROM pg_proc p
         JOIN pg_namespace n ON n.oid = p.pronamespace
         JOIN pg_type t ON t.oid = p.prorettype
         WHERE n.nspname = 'public' AND p.proname = $1::text AND p.prokind = 'f'
         ORDER BY p.oid",
        &[&name],
    )?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let names: Vec<String> = row.get(5);
            let types: Vec<String> = row.get(6);
            let variadic: Vec<bool> = row.get(7);
            Function {
                name: name.to_owned(),
                params: names
                    .into_iter()
                    .zip(types)
                    .zip(variadic)
                    .map(|((name, type_name), variadic)| Param { name, type_name, variadic })
                    .collect(),
                defaults: usize::try_from(row.get::<_, i32>(2)).unwrap_or(0),
                volatile: row.get(0),
                returns_set: row.get(1),
                returns_composite: row.get(4),
                returns_void: row.get(3),
            }
        })
        .collect())
}
