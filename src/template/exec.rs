//! The executor: a tree walk over the parse tree that mirrors Go's `text/template/exec.go`
//! step by step, including which node an error names (Go's `state.at`), the difference between
//! "no value" (an invalid `reflect.Value`) and a nil `interface{}`, `missingkey`, Go's argument
//! checks for typed functions, `break`/`continue`, and the template call depth limit.

use std::rc::Rc;

use super::ast::{
    Arg, Branch, Builtin, Command, FuncRef, List, Node, Number, Pipe, TemplateCall, Tree, Variable,
};
use super::builtins;
use super::compare;
use super::complex::Complex128;
use super::error::{TemplateError, TemplateErrorKind};
use super::escape;
use super::function::{CallCtx, FuncError, Function, GoType, Pos, Signature};
use super::printf;
use super::render_env::RenderEnv;
use super::value::{Kind, ListKind, Map, Value};
use super::{ExecOptions, MissingKey, Template};

/// A value during execution, with the distinctions Go's `reflect.Value` makes that show in
/// results and messages.
#[derive(Clone, Debug)]
pub enum Ev {
    /// No value at all (Go's invalid `reflect.Value`): a missing key under `missingkey=invalid`,
    /// a pipeline that produced nil, data that is nil.
    Invalid,
    /// A value whose static type is its own (`int`, `string`, `map[string]interface {}`, …).
    Val(Value),
    /// A value inside an `interface{}` (map elements, `[]interface{}` items, results of
    /// sprigin's functions); `Iface(Value::Nil)` is the nil interface.
    Iface(Value),
}

impl Ev {
    /// A value held in an `interface{}`.
    pub fn iface(v: Value) -> Ev {
        Ev::Iface(v)
    }

    /// A value of its own type; nil is always a nil interface.
    pub fn val(v: Value) -> Ev {
        match v {
            Value::Nil => Ev::Iface(Value::Nil),
            v => Ev::Val(v),
        }
    }

    /// What a function parameter of type `interface{}` receives.
    pub fn into_value(self) -> Value {
        match self {
            Ev::Invalid => Value::Nil,
            Ev::Val(v) | Ev::Iface(v) => v,
        }
    }

    /// What evalPipeline keeps after each command: the interface's content (nil → no value).
    fn unwrap_iface(self) -> Ev {
        match self {
            Ev::Iface(Value::Nil) => Ev::Invalid,
            Ev::Iface(v) => Ev::Val(v),
            other => other,
        }
    }
}

/// The node errors are reported at (Go's `state.node`).
#[derive(Clone, Copy)]
enum At<'t> {
    None,
    Node(&'t Node),
    List(&'t List),
    Pipe(&'t Pipe),
    Cmd(&'t Command),
    Arg(&'t Arg),
    Var(&'t Variable),
}

impl At<'_> {
    fn pos(&self) -> usize {
        match self {
            At::None => 0,
            At::Node(n) => n.pos(),
            At::List(l) => l.pos,
            At::Pipe(p) => p.pos,
            At::Cmd(c) => c.pos,
            At::Arg(a) => a.pos(),
            At::Var(v) => v.pos,
        }
    }

    fn context(&self) -> String {
        match self {
            At::None => String::new(),
            At::Node(n) => n.to_string(),
            At::List(l) => l.to_string(),
            At::Pipe(p) => p.to_string(),
            At::Cmd(c) => c.to_string(),
            At::Arg(a) => a.to_string(),
            At::Var(v) => v.to_string(),
        }
    }
}

/// The type an argument is evaluated for (Go's `reflect.Type` passed to `evalArg`).
#[derive(Clone, Copy)]
enum ArgType {
    /// No type (the receiver of a chain).
    Untyped,
    /// `reflect.Value` (Go's builtins take their operands this way).
    Reflect,
    /// A Go parameter type of a FuncMap function.
    Go(GoType),
}

impl ArgType {
    fn name(self) -> &'static str {
        match self {
            ArgType::Untyped => "<nil>",
            ArgType::Reflect => "reflect.Value",
            ArgType::Go(t) => t.go_name(),
        }
    }

    /// Go's `canBeNil`, and the zero value of the type when it can.
    fn nil_value(self) -> Option<Ev> {
        match self {
            ArgType::Untyped => Some(Ev::Invalid),
            ArgType::Reflect => Some(Ev::Invalid),
            ArgType::Go(t) => match t {
                GoType::Any => Some(Ev::Iface(Value::Nil)),
                GoType::ListAny => Some(Ev::Val(Value::List(Rc::new(Vec::new()), ListKind::Any))),
                GoType::StringList => {
                    Some(Ev::Val(Value::List(Rc::new(Vec::new()), ListKind::String)))
                }
                GoType::MapAny => Some(Ev::Val(Value::from(Map::new()))),
                GoType::Named(n) if n.starts_with('*') => Some(Ev::Iface(Value::Nil)),
                _ => None,
            },
        }
    }
}

/// Whether a value of Go type `v` may be passed where `t` is expected.
fn assignable(v: &Value, t: GoType) -> bool {
    match t {
        GoType::Any => true,
        GoType::String => matches!(v, Value::String(_)),
        GoType::Bool => matches!(v, Value::Bool(_)),
        GoType::Int => matches!(v, Value::Int(_)),
        GoType::Int64 => matches!(v, Value::Int64(_)),
        GoType::Uint32 => false,
        GoType::Float64 => matches!(v, Value::Float(_)),
        GoType::ListAny => matches!(v, Value::List(_, ListKind::Any)),
        GoType::StringList => {
            matches!(v, Value::List(_, ListKind::String | ListKind::NilString))
        }
        GoType::MapAny => v.as_map_any().is_some(),
        GoType::Named(n) | GoType::NamedInt64(n) => {
            matches!(v, Value::Object(o) if o.type_name() == n)
        }
    }
}

/// How a walk ended: normally, or at `{{break}}`/`{{continue}}`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    Normal,
    Break,
    Continue,
}

type EResult<T> = Result<T, TemplateError>;

/// Range iterations plus template calls one execution may run in total (Go has no limit:
/// `{{range 1e18}}` with an empty body, or templates calling each other twice per level, would
/// hang; we stop them).
const MAX_ITERATIONS: u64 = 10_000_000;

/// One execution (Go's `state`).
pub(crate) struct State<'t, 'e> {
    tmpl: &'t Template,
    /// The template being executed (its name shows in errors).
    cur: &'t str,
    at: At<'t>,
    vars: Vec<(u32, Ev)>,
    depth: usize,
    iterations: u64,
    pub(crate) out: String,
    opts: &'e ExecOptions,
    env: &'e mut RenderEnv,
    stack_base: usize,
}

/// The variables can hold values nested deeper than Rust's recursive drop can take (a list
/// wrapped in a list a million times); free them iteratively.
impl Drop for State<'_, '_> {
    fn drop(&mut self) {
        for (_, v) in self.vars.drain(..) {
            if let Ev::Val(v) | Ev::Iface(v) = v {
                super::value::dismantle(v);
            }
        }
    }
}

impl<'t, 'e> State<'t, 'e> {
    pub(crate) fn new(
        tmpl: &'t Template,
        name: &'t str,
        opts: &'e ExecOptions,
        env: &'e mut RenderEnv,
    ) -> Self {
        State {
            tmpl,
            cur: name,
            at: At::None,
            vars: Vec::with_capacity(16),
            depth: 0,
            iterations: 0,
            out: String::with_capacity(tmpl.out_hint()),
            opts,
            env,
            stack_base: super::stack::stack_addr(),
        }
    }

    /// Runs `tree` with `data` as dot and `$`.
    pub(crate) fn run(&mut self, tree: &'t Tree, data: &Value) -> EResult<()> {
        let dot = match data {
            Value::Nil => Ev::Invalid,
            v => Ev::Val(v.clone()),
        };
        self.vars.push((0, dot.clone()));
        self.walk_list(&dot, &tree.root)?;
        Ok(())
    }

    // ---- errors ----

    fn pos_of(&self, offset: usize) -> Pos {
        let (line, col) = self.tmpl.location(offset);
        Pos { line, col }
    }

    fn errorf(&self, msg: impl AsRef<str>) -> TemplateError {
        let msg = msg.as_ref();
        if let At::None = self.at {
            return TemplateError {
                kind: TemplateErrorKind::Exec,
                template: self.cur.to_string(),
                pos: None,
                go_message: format!("template: {}: {msg}", self.cur),
                hint: None,
            };
        }
        TemplateError::exec(
            self.tmpl.parse_name(),
            self.cur,
            self.pos_of(self.at.pos()),
            &self.at.context(),
            msg,
        )
    }

    fn limit(&self, msg: impl AsRef<str>, hint: &str) -> TemplateError {
        let mut e = self.errorf(msg);
        e.kind = TemplateErrorKind::Limit;
        e.hint = Some(hint.to_string());
        e
    }

    fn check_stack(&self) -> EResult<()> {
        if super::stack::exceeded_with_slack(self.stack_base, 0) {
            // Unbounded `{{template}}` recursion is what gets here in practice; Go fails it with
            // this message at depth 100000, so we say the same (kind Limit: we stopped earlier).
            return Err(self.limit(
                format!("exceeded maximum template depth ({})", self.opts.max_depth),
                &format!(
                    "capsule-render ran out of its stack budget at template depth {} (Go allows \
                     {} nested template calls); the template recurses without end or nests too \
                     deeply",
                    self.depth, self.opts.max_depth
                ),
            ));
        }
        Ok(())
    }

    /// The error for a value [`super::print_guard`] refuses to print (Go dies on a cycle with a
    /// fatal stack overflow; we stop the execution at the action instead).
    fn unprintable(&self, why: super::print_guard::Unprintable, what: &str) -> TemplateError {
        let msg = match what {
            "printing" => why.message(),
            name => format!("error calling {name}: {}", why.message()),
        };
        self.limit(
            msg,
            "a map was put inside itself (for example with set or merge) or nested too deeply; \
             Go's text/template crashes the whole process on such a value, so print a part of \
             it instead",
        )
    }

    fn too_many_steps(&self) -> TemplateError {
        self.limit(
            format!(
                "execution exceeds capsule-render's limit of {MAX_ITERATIONS} range iterations \
                 and template calls"
            ),
            "the template loops or recurses far more than any generator needs; check range \
             bounds and recursive templates",
        )
    }

    fn write(&mut self, s: &str) -> EResult<()> {
        self.out.push_str(s);
        self.check_output()
    }

    fn check_output(&self) -> EResult<()> {
        if self.out.len() > self.opts.max_output {
            return Err(self.limit(
                format!("output exceeds the limit of {} bytes", self.opts.max_output),
                "the template writes more than capsule-render's output limit; \
                 check for runaway loops or raise the limit",
            ));
        }
        Ok(())
    }

    // ---- variables ----

    fn var_value(&self, v: &Variable) -> EResult<Ev> {
        for (id, val) in self.vars.iter().rev() {
            if *id == v.id {
                return Ok(val.clone());
            }
        }
        Err(self.errorf(format!(
            "undefined variable: {}",
            v.ident.first().map(|s| &**s).unwrap_or("$")
        )))
    }

    fn set_var(&mut self, v: &Variable, value: Ev) -> EResult<()> {
        for (id, val) in self.vars.iter_mut().rev() {
            if *id == v.id {
                *val = value;
                return Ok(());
            }
        }
        Err(self.errorf(format!(
            "undefined variable: {}",
            v.ident.first().map(|s| &**s).unwrap_or("$")
        )))
    }

    fn set_top_var(&mut self, n: usize, value: Ev) {
        let len = self.vars.len();
        if let Some(slot) = len.checked_sub(n).and_then(|i| self.vars.get_mut(i)) {
            slot.1 = value;
        }
    }

    // ---- walking ----

    fn walk_list(&mut self, dot: &Ev, list: &'t List) -> EResult<Flow> {
        self.at = At::List(list);
        for n in &list.nodes {
            let f = self.walk(dot, n)?;
            if f != Flow::Normal {
                return Ok(f);
            }
        }
        Ok(Flow::Normal)
    }

    fn walk(&mut self, dot: &Ev, node: &'t Node) -> EResult<Flow> {
        self.at = At::Node(node);
        match node {
            Node::Text { text, .. } => {
                self.write(text)?;
            }
            Node::Action { pipe, .. } => {
                let val = self.eval_pipeline(dot, pipe)?;
                if pipe.decl.is_empty() {
                    self.at = At::Node(node);
                    if let Ev::Val(v) | Ev::Iface(v) = &val {
                        super::print_guard::check_printable(v)
                            .map_err(|why| self.unprintable(why, "printing"))?;
                    }
                    match &val {
                        Ev::Invalid => self.out.push_str("<no value>"),
                        Ev::Val(v) | Ev::Iface(v) => v.write_template(&mut self.out),
                    }
                    self.check_output()?;
                }
            }
            Node::Break { .. } => return Ok(Flow::Break),
            Node::Continue { .. } => return Ok(Flow::Continue),
            Node::If(b) => return self.walk_if_or_with(false, dot, b),
            Node::With(b) => return self.walk_if_or_with(true, dot, b),
            Node::Range(b) => return self.walk_range(dot, node, b),
            Node::Template(t) => self.walk_template(dot, node, t)?,
        }
        Ok(Flow::Normal)
    }

    fn walk_if_or_with(&mut self, with: bool, dot: &Ev, b: &'t Branch) -> EResult<Flow> {
        let mark = self.vars.len();
        let val = self.eval_pipeline(dot, &b.pipe)?;
        let flow = if builtins::truth(&val) {
            if with {
                self.walk_list(&val, &b.list)?
            } else {
                self.walk_list(dot, &b.list)?
            }
        } else if let Some(e) = &b.else_list {
            self.walk_list(dot, e)?
        } else {
            Flow::Normal
        };
        self.vars.truncate(mark);
        Ok(flow)
    }

    /// One iteration of a range body; returns false when the loop must stop (`break`).
    fn range_iteration(
        &mut self,
        node: &'t Node,
        r: &'t Branch,
        mark: usize,
        index: Ev,
        elem: Ev,
    ) -> EResult<bool> {
        self.iterations += 1;
        if self.iterations > MAX_ITERATIONS {
            self.at = At::Node(node);
            return Err(self.too_many_steps());
        }
        let decl = &r.pipe.decl;
        if let Some(first) = decl.first() {
            if r.pipe.is_assign {
                if decl.len() > 1 {
                    self.set_var(first, index.clone())?;
                } else {
                    self.set_var(first, elem.clone())?;
                }
            } else {
                self.set_top_var(1, elem.clone());
            }
        }
        if let Some(second) = decl.get(1) {
            if r.pipe.is_assign {
                self.set_var(second, elem.clone())?;
            } else {
                self.set_top_var(2, index);
            }
        }
        let flow = self.walk_list(&elem, &r.list)?;
        self.vars.truncate(mark);
        Ok(flow != Flow::Break)
    }

    fn walk_range(&mut self, dot: &Ev, node: &'t Node, r: &'t Branch) -> EResult<Flow> {
        self.at = At::Node(node);
        let outer_mark = self.vars.len();
        let val = self.eval_pipeline(dot, &r.pipe)?;
        let mark = self.vars.len();
        let mut ran = false;
        match &val {
            Ev::Val(v) | Ev::Iface(v) => match v {
                Value::Int(_) | Value::Int64(_) | Value::Uint(_) | Value::Uint64(_) => {
                    if r.pipe.decl.len() > 1 {
                        return Err(self.errorf(format!(
                            "can't use {} to iterate over more than one variable",
                            v.to_template_string()
                        )));
                    }
                    let n: u64 = match v {
                        Value::Int(i) | Value::Int64(i) => (*i).max(0) as u64,
                        Value::Uint(u) | Value::Uint64(u) => *u,
                        _ => 0,
                    };
                    for i in 0..n {
                        ran = true;
                        let e = match v {
                            Value::Int(_) => Value::Int(i as i64),
                            Value::Int64(_) => Value::Int64(i as i64),
                            Value::Uint(_) => Value::Uint(i),
                            _ => Value::Uint64(i),
                        };
                        if !self.range_iteration(node, r, mark, Ev::Invalid, Ev::Val(e))? {
                            break;
                        }
                    }
                }
                // A named integer type (`time.Duration`, `uint8`): 0..n in that type.
                Value::Object(o) if o.int_value().is_some() && o.with_int(0).is_some() => {
                    if r.pipe.decl.len() > 1 {
                        return Err(self.errorf(format!(
                            "can't use {} to iterate over more than one variable",
                            v.to_template_string()
                        )));
                    }
                    let o = Rc::clone(o);
                    let n = o.int_value().unwrap_or(0);
                    let signed = matches!(
                        o.kind(),
                        Kind::Int | Kind::Int8 | Kind::Int16 | Kind::Int32 | Kind::Int64
                    );
                    let n = if signed { n.max(0) as u64 } else { n as u64 };
                    for i in 0..n {
                        ran = true;
                        let e = o.with_int(i as i64).unwrap_or_default();
                        if !self.range_iteration(node, r, mark, Ev::Invalid, Ev::Val(e))? {
                            break;
                        }
                    }
                }
                Value::List(items, kind) => {
                    let items = Rc::clone(items);
                    for (i, e) in items.iter().enumerate() {
                        ran = true;
                        let elem = if *kind == ListKind::Any {
                            Ev::Iface(e.clone())
                        } else {
                            Ev::Val(e.clone())
                        };
                        if !self.range_iteration(
                            node,
                            r,
                            mark,
                            Ev::Val(Value::Int(i as i64)),
                            elem,
                        )? {
                            break;
                        }
                    }
                }
                Value::Map(m) => {
                    // Go's range sorts a snapshot of the keys and values (fmtsort) before the
                    // first iteration, so a body that changes the map (`set`, `unset`) sees
                    // the entries as they were: copy them out and release the borrow.
                    let entries: Vec<(Rc<str>, Value)> = m
                        .borrow()
                        .iter()
                        .map(|(k, e)| (Rc::from(k.as_str()), e.clone()))
                        .collect();
                    let concrete = !m.is_any();
                    for (k, e) in entries {
                        ran = true;
                        let key = Ev::Val(Value::String(k));
                        // A `map[string]string` yields strings, not interface values.
                        let elem = if concrete { Ev::Val(e) } else { Ev::Iface(e) };
                        if !self.range_iteration(node, r, mark, key, elem)? {
                            break;
                        }
                    }
                }
                Value::Nil => {}
                other => {
                    return Err(self.errorf(format!("range can't iterate over {}", value_v(other))));
                }
            },
            Ev::Invalid => {}
        }
        let flow = if !ran {
            match &r.else_list {
                Some(e) => self.walk_list(dot, e)?,
                None => Flow::Normal,
            }
        } else {
            Flow::Normal
        };
        self.vars.truncate(outer_mark);
        // A `break` in the else list of a range is swallowed by that range (Go's walkRange
        // recovers walkBreak around its whole body, else list included); `continue` reaches the
        // enclosing range.
        Ok(if flow == Flow::Break {
            Flow::Normal
        } else {
            flow
        })
    }

    fn walk_template(&mut self, dot: &Ev, node: &'t Node, t: &'t TemplateCall) -> EResult<()> {
        self.at = At::Node(node);
        let tmpl = self.tmpl;
        let Some(tree) = tmpl.tree(&t.name) else {
            return Err(self.errorf(format!(
                "template {} not defined",
                super::token::go_quote(&t.name)
            )));
        };
        if self.depth >= self.opts.max_depth {
            return Err(self.errorf(format!(
                "exceeded maximum template depth ({})",
                self.opts.max_depth
            )));
        }
        self.check_stack()?;
        self.iterations += 1;
        if self.iterations > MAX_ITERATIONS {
            return Err(self.too_many_steps());
        }
        let new_dot = match &t.pipe {
            Some(p) => self.eval_pipeline(dot, p)?,
            None => Ev::Invalid,
        };
        let saved_vars = std::mem::replace(&mut self.vars, vec![(0, new_dot.clone())]);
        let saved_cur = std::mem::replace(&mut self.cur, tree.name.as_str());
        let saved_at = self.at;
        self.depth += 1;
        let r = self.walk_list(&new_dot, &tree.root);
        self.depth -= 1;
        self.cur = saved_cur;
        self.vars = saved_vars;
        self.at = saved_at;
        r.map(|_| ())
    }

    // ---- pipelines and commands ----

    fn eval_pipeline(&mut self, dot: &Ev, pipe: &'t Pipe) -> EResult<Ev> {
        self.at = At::Pipe(pipe);
        if super::stack::exceeded_with_slack(self.stack_base, 64 * 1024) {
            self.check_stack()?;
        }
        let mut value: Option<Ev> = None;
        for cmd in &pipe.cmds {
            let v = self.eval_command(dot, cmd, value.take())?;
            value = Some(v.unwrap_iface());
        }
        let value = value.unwrap_or(Ev::Invalid);
        for var in &pipe.decl {
            if pipe.is_assign {
                self.set_var(var, value.clone())?;
            } else {
                self.vars.push((var.id, value.clone()));
            }
        }
        Ok(value)
    }

    fn not_a_function(&self, args: &'t [Arg], final_: &Option<Ev>) -> EResult<()> {
        if args.len() > 1 || final_.is_some() {
            let first = args.first().map(|a| a.to_string()).unwrap_or_default();
            return Err(self.errorf(format!("can't give argument to non-function {first}")));
        }
        Ok(())
    }

    fn eval_command(&mut self, dot: &Ev, cmd: &'t Command, final_: Option<Ev>) -> EResult<Ev> {
        let Some(first) = cmd.args.first() else {
            return Err(self.errorf("empty command"));
        };
        match first {
            Arg::Field { ident, .. } => {
                self.at = At::Arg(first);
                return self.eval_field_chain(
                    dot,
                    At::Arg(first),
                    dot.clone(),
                    ident,
                    &cmd.args,
                    final_,
                );
            }
            Arg::Chain { .. } => return self.eval_chain_node(dot, first, &cmd.args, final_),
            Arg::Identifier { .. } => {
                return self.eval_function(dot, first, At::Cmd(cmd), &cmd.args, final_);
            }
            Arg::Pipe(p) => {
                self.not_a_function(&cmd.args, &final_)?;
                return self.eval_pipeline(dot, p);
            }
            Arg::Variable(v) => return self.eval_variable_node(dot, v, &cmd.args, final_),
            _ => {}
        }
        self.at = At::Arg(first);
        self.not_a_function(&cmd.args, &final_)?;
        match first {
            Arg::Bool { val, .. } => Ok(Ev::Val(Value::Bool(*val))),
            Arg::Dot { .. } => Ok(dot.clone()),
            Arg::Nil { .. } => Err(self.errorf("nil is not a command")),
            Arg::Number(n) => self.ideal_constant(first, n),
            Arg::String { value, .. } => Ok(Ev::Val(value.clone())),
            _ => Err(self.errorf(format!(
                "can't evaluate command {}",
                super::token::go_quote(&first.to_string())
            ))),
        }
    }

    /// Go's `idealConstant`: what an untyped numeric constant becomes as an `interface{}`.
    fn ideal_constant(&mut self, node: &'t Arg, n: &Number) -> EResult<Ev> {
        self.at = At::Arg(node);
        let t = n.text.as_bytes();
        let is_hex_int = t.len() > 2
            && t[0] == b'0'
            && (t[1] == b'x' || t[1] == b'X')
            && !n.text.contains(['p', 'P']);
        let is_rune = t.first() == Some(&b'\'');
        if n.is_complex {
            return Ok(Ev::Val(Value::Object(Rc::new(Complex128 {
                re: n.complex.0,
                im: n.complex.1,
            }))));
        }
        if n.is_float && !is_hex_int && !is_rune && n.text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Ok(Ev::Val(Value::Float(n.float64)));
        }
        if n.is_int {
            return Ok(Ev::Val(Value::Int(n.int64)));
        }
        if n.is_uint {
            return Err(self.errorf(format!("{} overflows int", n.text)));
        }
        Ok(Ev::Invalid)
    }

    fn eval_chain_node(
        &mut self,
        dot: &Ev,
        node: &'t Arg,
        args: &'t [Arg],
        final_: Option<Ev>,
    ) -> EResult<Ev> {
        self.at = At::Arg(node);
        let Arg::Chain {
            node: inner, field, ..
        } = node
        else {
            return Err(self.errorf("internal error: not a chain"));
        };
        if field.is_empty() {
            return Err(self.errorf("internal error: no fields in evalChainNode"));
        }
        if let Arg::Nil { .. } = **inner {
            return Err(self.errorf(format!("indirection through explicit nil in {node}")));
        }
        let pipe = self.eval_arg(dot, ArgType::Untyped, inner)?;
        self.eval_field_chain(dot, At::Arg(node), pipe, field, args, final_)
    }

    fn eval_variable_node(
        &mut self,
        dot: &Ev,
        v: &'t Variable,
        args: &'t [Arg],
        final_: Option<Ev>,
    ) -> EResult<Ev> {
        self.at = At::Var(v);
        let value = self.var_value(v)?;
        if v.ident.len() == 1 {
            self.not_a_function(args, &final_)?;
            return Ok(value);
        }
        self.eval_field_chain(dot, At::Var(v), value, &v.ident[1..], args, final_)
    }

    fn eval_field_chain(
        &mut self,
        dot: &Ev,
        node: At<'t>,
        mut receiver: Ev,
        ident: &'t [Rc<str>],
        args: &'t [Arg],
        final_: Option<Ev>,
    ) -> EResult<Ev> {
        let Some((last, init)) = ident.split_last() else {
            return Ok(receiver);
        };
        for name in init {
            receiver = self.eval_field(dot, node, name, &[], None, receiver)?;
        }
        self.eval_field(dot, node, last, args, final_, receiver)
    }

    fn eval_field(
        &mut self,
        dot: &Ev,
        node: At<'t>,
        name: &str,
        args: &'t [Arg],
        final_: Option<Ev>,
        receiver: Ev,
    ) -> EResult<Ev> {
        let (v, static_iface) = match receiver {
            Ev::Invalid => {
                if self.opts.missing_key == MissingKey::Error {
                    return Err(self.errorf(format!(
                        "nil data; no entry for key {}",
                        super::token::go_quote(name)
                    )));
                }
                return Ok(Ev::Invalid);
            }
            Ev::Iface(Value::Nil) | Ev::Val(Value::Nil) => {
                return Err(self.errorf(format!("nil pointer evaluating interface {{}}.{name}")));
            }
            Ev::Iface(v) => (v, true),
            Ev::Val(v) => (v, false),
        };
        let has_args = args.len() > 1 || final_.is_some();
        match &v {
            Value::Map(m) => {
                if has_args {
                    return Err(self.errorf(format!("{name} is not a method but has arguments")));
                }
                let found = m.borrow().get(name).cloned();
                return match found {
                    // A `map[string]string` element is a string, not an interface value.
                    Some(x) if !m.is_any() => Ok(Ev::Val(x)),
                    Some(x) => Ok(Ev::Iface(x)),
                    None => match self.opts.missing_key {
                        MissingKey::Invalid => Ok(Ev::Invalid),
                        // Go: the zero value of the element type (`""` for `map[string]string`).
                        MissingKey::Zero if !m.is_any() => Ok(Ev::Val(m.kind().zero_elem())),
                        MissingKey::Zero => Ok(Ev::Iface(Value::Nil)),
                        MissingKey::Error => Err(self.errorf(format!(
                            "map has no entry for key {}",
                            super::token::go_quote(name)
                        ))),
                    },
                };
            }
            Value::Object(o) => {
                if o.is_nil() {
                    return Err(
                        self.errorf(format!("nil pointer evaluating {}.{name}", o.type_name()))
                    );
                }
                if let Some(x) = o.field(name) {
                    if has_args {
                        // Object members are mostly niladic methods (semver, time.Time): Go's
                        // evalCall arity message for them.
                        let got = args.len().saturating_sub(1) + usize::from(final_.is_some());
                        return Err(self
                            .errorf(format!("wrong number of args for {name}: want 0 got {got}")));
                    }
                    return Ok(Ev::val(x));
                }
                if let Some(params) = o.method_params(name) {
                    let o = Rc::clone(o);
                    return self.eval_method(dot, node, &o, name, params, args, final_);
                }
                if let Some(msg) = o.bad_method(name) {
                    // Go checks the arity before the results.
                    let got = args.len().saturating_sub(1) + usize::from(final_.is_some());
                    if got > 0 {
                        return Err(self
                            .errorf(format!("wrong number of args for {name}: want 0 got {got}")));
                    }
                    return Err(self.errorf(msg));
                }
            }
            _ => {}
        }
        let typ = if static_iface {
            "interface {}"
        } else {
            v.type_name()
        };
        Err(self.errorf(format!("can't evaluate field {name} in type {typ}")))
    }

    /// Go's `evalCall` for a method with parameters on a Go object: `args[0]` is the field
    /// node itself, the rest (and a pipeline's `final_`) are the arguments.
    // The parameters are Go's evalCall's own (dot, node, receiver, name, params, args, final).
    #[allow(clippy::too_many_arguments)]
    fn eval_method(
        &mut self,
        dot: &Ev,
        node: At<'t>,
        o: &Rc<dyn super::value::GoObject>,
        name: &str,
        params: &'static [GoType],
        args: &'t [Arg],
        final_: Option<Ev>,
    ) -> EResult<Ev> {
        let call_args = args.get(1..).unwrap_or(&[]);
        self.check_arity(name, params.len(), false, call_args.len(), final_.is_some())?;
        let mut argv: Vec<Value> = Vec::with_capacity(params.len());
        for (a, t) in call_args.iter().zip(params) {
            argv.push(self.eval_arg(dot, ArgType::Go(*t), a)?.into_value());
        }
        if let (Some(fin), Some(t)) = (final_, params.last()) {
            argv.push(self.validate_type(fin, ArgType::Go(*t))?.into_value());
        }
        match o.call_method(name, &argv) {
            Ok(v) => Ok(Ev::val(v)),
            Err(msg) => {
                self.at = node;
                Err(self.errorf(format!("error calling {name}: {msg}")))
            }
        }
    }

    // ---- function calls ----

    fn eval_function(
        &mut self,
        dot: &Ev,
        ident: &'t Arg,
        node: At<'t>,
        args: &'t [Arg],
        final_: Option<Ev>,
    ) -> EResult<Ev> {
        self.at = At::Arg(ident);
        let Arg::Identifier { name, func, .. } = ident else {
            return Err(self.errorf("internal error: not a function"));
        };
        let call_args = args.get(1..).unwrap_or(&[]);
        match func {
            FuncRef::Map(f) => self.eval_call(dot, f, node, name, call_args, final_),
            FuncRef::Builtin(b) => self.eval_builtin(dot, *b, node, name, call_args, final_),
        }
    }

    /// Go's arity check of `evalCall` for a signature with `fixed` parameters, variadic or not.
    fn check_arity(
        &self,
        name: &str,
        fixed: usize,
        variadic: bool,
        nargs: usize,
        has_final: bool,
    ) -> EResult<()> {
        let num_in = nargs + usize::from(has_final);
        if variadic {
            if num_in < fixed {
                return Err(self.errorf(format!(
                    "wrong number of args for {name}: want at least {fixed} got {nargs}"
                )));
            }
        } else if num_in != fixed {
            return Err(self.errorf(format!(
                "wrong number of args for {name}: want {fixed} got {num_in}"
            )));
        }
        Ok(())
    }

    fn eval_call(
        &mut self,
        dot: &Ev,
        f: &Function,
        node: At<'t>,
        name: &str,
        args: &'t [Arg],
        final_: Option<Ev>,
    ) -> EResult<Ev> {
        let (params, variadic): (&[GoType], Option<GoType>) = match f.signature {
            Signature::Variadic => (&[], Some(GoType::Any)),
            Signature::Typed {
                params, variadic, ..
            } => (params, variadic),
        };
        self.check_arity(
            name,
            params.len(),
            variadic.is_some(),
            args.len(),
            final_.is_some(),
        )?;
        let num_in = args.len() + usize::from(final_.is_some());
        let mut argv: Vec<Value> = Vec::with_capacity(num_in);
        for (i, a) in args.iter().enumerate() {
            let t = match params.get(i) {
                Some(t) => *t,
                None => variadic.unwrap_or(GoType::Any),
            };
            argv.push(self.eval_arg(dot, ArgType::Go(t), a)?.into_value());
        }
        if let Some(fin) = final_ {
            let t = match variadic {
                Some(vt) => params.get(num_in - 1).copied().unwrap_or(vt),
                None => params.last().copied().unwrap_or(GoType::Any),
            };
            argv.push(self.validate_type(fin, ArgType::Go(t))?.into_value());
        }
        let pos = self.pos_of(node.pos());
        let result = {
            let mut ctx = CallCtx {
                name,
                pos,
                env: self.env,
            };
            (f.call)(&mut ctx, &argv)
        };
        match result {
            Ok(v) => Ok(match f.signature {
                Signature::Variadic => Ev::Iface(v),
                Signature::Typed { .. } => Ev::val(v),
            }),
            Err(FuncError::Call(msg)) => {
                self.at = node;
                Err(self.errorf(format!("error calling {name}: {msg}")))
            }
            Err(FuncError::Fatal(msg)) => {
                self.at = node;
                Err(self.limit(
                    format!("error calling {name}: {msg}"),
                    "this call would crash Capsule's controller (Go aborts the process); \
                     capsule-render stops the render instead",
                ))
            }
        }
    }

    fn eval_builtin(
        &mut self,
        dot: &Ev,
        b: Builtin,
        node: At<'t>,
        name: &str,
        args: &'t [Arg],
        final_: Option<Ev>,
    ) -> EResult<Ev> {
        // Go's signatures: (fixed reflect.Value params, variadic?).
        let (fixed, variadic) = match b {
            Builtin::And
            | Builtin::Or
            | Builtin::Index
            | Builtin::Slice
            | Builtin::Eq
            | Builtin::Call => (1, true),
            Builtin::Not | Builtin::Len => (1, false),
            Builtin::Ne | Builtin::Lt | Builtin::Le | Builtin::Gt | Builtin::Ge => (2, false),
            Builtin::Print | Builtin::Println | Builtin::Html | Builtin::Js | Builtin::Urlquery => {
                (0, true)
            }
            Builtin::Printf => (1, true),
        };
        self.check_arity(name, fixed, variadic, args.len(), final_.is_some())?;
        if matches!(b, Builtin::And | Builtin::Or) {
            let is_or = b == Builtin::Or;
            let mut v = Ev::Invalid;
            for a in args {
                v = self.eval_arg(dot, ArgType::Reflect, a)?;
                if builtins::truth(&v) == is_or {
                    return Ok(v);
                }
            }
            if let Some(fin) = final_ {
                v = fin;
            }
            return Ok(v);
        }
        let fmt_like = matches!(
            b,
            Builtin::Print
                | Builtin::Println
                | Builtin::Printf
                | Builtin::Html
                | Builtin::Js
                | Builtin::Urlquery
        );
        let mut argv: Vec<Ev> = Vec::with_capacity(args.len() + 1);
        for (i, a) in args.iter().enumerate() {
            let t = if b == Builtin::Printf && i == 0 {
                ArgType::Go(GoType::String)
            } else if fmt_like {
                ArgType::Go(GoType::Any)
            } else {
                ArgType::Reflect
            };
            argv.push(self.eval_arg(dot, t, a)?);
        }
        if let Some(fin) = final_ {
            let t = if b == Builtin::Printf && argv.is_empty() {
                ArgType::Go(GoType::String)
            } else if fmt_like {
                ArgType::Go(GoType::Any)
            } else {
                ArgType::Reflect
            };
            argv.push(self.validate_type(fin, t)?);
        }
        // `check_arity` guaranteed the operands the indexing below reads (one for the
        // variadic builtins and `len`/`not`, two for ne/lt/le/gt/ge).
        let result: Result<Ev, String> = match b {
            Builtin::Not => Ok(Ev::Val(Value::Bool(
                !argv.first().is_some_and(builtins::truth),
            ))),
            Builtin::Len => builtins::len(&argv[0]),
            Builtin::Index => builtins::index(&argv[0], &argv[1..]),
            Builtin::Slice => builtins::slice(&argv[0], &argv[1..]),
            Builtin::Eq => compare::eq(&argv[0], &argv[1..]).map(|x| Ev::Val(Value::Bool(x))),
            Builtin::Ne => compare::ne(&argv[0], &argv[1]).map(|x| Ev::Val(Value::Bool(x))),
            Builtin::Lt => compare::lt(&argv[0], &argv[1]).map(|x| Ev::Val(Value::Bool(x))),
            Builtin::Le => compare::le(&argv[0], &argv[1]).map(|x| Ev::Val(Value::Bool(x))),
            Builtin::Gt => compare::gt(&argv[0], &argv[1]).map(|x| Ev::Val(Value::Bool(x))),
            Builtin::Ge => compare::ge(&argv[0], &argv[1]).map(|x| Ev::Val(Value::Bool(x))),
            Builtin::Call => {
                let callee = match args.first() {
                    Some(a) => a.to_string(),
                    None => match &argv[0] {
                        Ev::Val(Value::String(s)) | Ev::Iface(Value::String(s)) => s.to_string(),
                        Ev::Invalid => "<invalid Value>".to_string(),
                        Ev::Val(v) | Ev::Iface(v) => format!("<{} Value>", v.type_name()),
                    },
                };
                builtins::call(&callee, &argv[0])
            }
            Builtin::Print
            | Builtin::Println
            | Builtin::Printf
            | Builtin::Html
            | Builtin::Js
            | Builtin::Urlquery => {
                let vals: Vec<Value> = argv.into_iter().map(Ev::into_value).collect();
                if let Err(why) = super::print_guard::check_all(&vals) {
                    self.at = node;
                    return Err(self.unprintable(why, name));
                }
                let s = match b {
                    Builtin::Print => printf::sprint(&vals),
                    Builtin::Println => printf::sprintln(&vals),
                    Builtin::Printf => {
                        let format = vals
                            .first()
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_string();
                        printf::sprintf(&format, vals.get(1..).unwrap_or(&[]))
                    }
                    Builtin::Html => escape::html_escape(&builtins::eval_args(&vals)),
                    Builtin::Js => escape::js_escape(&builtins::eval_args(&vals)),
                    _ => escape::urlquery_escape(&builtins::eval_args(&vals)),
                };
                Ok(Ev::Val(Value::from(s)))
            }
            Builtin::And | Builtin::Or => Ok(Ev::Invalid),
        };
        result.map_err(|msg| {
            self.at = node;
            self.errorf(format!("error calling {name}: {msg}"))
        })
    }

    /// Go's `validateType`: checks (and for interfaces unwraps) a computed value against the
    /// parameter type.
    fn validate_type(&self, value: Ev, typ: ArgType) -> EResult<Ev> {
        let t = match typ {
            ArgType::Untyped | ArgType::Reflect => return Ok(value),
            ArgType::Go(t) => t,
        };
        let v = match value {
            Ev::Invalid => {
                return match typ.nil_value() {
                    Some(z) => Ok(z),
                    None => Err(self.errorf(format!("invalid value; expected {}", t.go_name()))),
                };
            }
            Ev::Val(v) | Ev::Iface(v) => v,
        };
        if t == GoType::Any {
            return Ok(Ev::iface(v));
        }
        if matches!(v, Value::Nil) {
            return Err(self.errorf(format!(
                "wrong type for value; expected {}; got interface {{}}",
                t.go_name()
            )));
        }
        if assignable(&v, t) {
            return Ok(Ev::Val(v));
        }
        Err(self.errorf(format!(
            "wrong type for value; expected {}; got {}",
            t.go_name(),
            v.type_name()
        )))
    }

    /// Go's `evalArg`: evaluates an argument node for a parameter of type `typ`; constants
    /// convert to the parameter type.
    fn eval_arg(&mut self, dot: &Ev, typ: ArgType, n: &'t Arg) -> EResult<Ev> {
        self.at = At::Arg(n);
        match n {
            Arg::Dot { .. } => return self.validate_type(dot.clone(), typ),
            Arg::Nil { .. } => {
                return match typ.nil_value() {
                    Some(z) => Ok(z),
                    None => Err(self.errorf(format!("cannot assign nil to {}", typ.name()))),
                };
            }
            Arg::Field { ident, .. } => {
                let v = self.eval_field_chain(
                    dot,
                    At::Arg(n),
                    dot.clone(),
                    ident,
                    std::slice::from_ref(n),
                    None,
                )?;
                return self.validate_type(v, typ);
            }
            Arg::Variable(v) => {
                let v = self.eval_variable_node(dot, v, &[], None)?;
                return self.validate_type(v, typ);
            }
            Arg::Pipe(p) => {
                let v = self.eval_pipeline(dot, p)?;
                return self.validate_type(v, typ);
            }
            Arg::Identifier { .. } => {
                let v = self.eval_function(dot, n, At::Arg(n), &[], None)?;
                return self.validate_type(v, typ);
            }
            Arg::Chain { .. } => {
                let v = self.eval_chain_node(dot, n, &[], None)?;
                return self.validate_type(v, typ);
            }
            _ => {}
        }
        let t = match typ {
            ArgType::Untyped => {
                return Err(self.errorf(format!("can't handle {n} for arg of type {}", typ.name())));
            }
            ArgType::Reflect => return self.eval_empty_interface(dot, n),
            ArgType::Go(t) => t,
        };
        match t {
            GoType::Bool => match n {
                Arg::Bool { val, .. } => Ok(Ev::Val(Value::Bool(*val))),
                _ => Err(self.errorf(format!("expected bool; found {n}"))),
            },
            GoType::Float64 => match n {
                Arg::Number(num) if num.is_float => Ok(Ev::Val(Value::Float(num.float64))),
                _ => Err(self.errorf(format!("expected float; found {n}"))),
            },
            GoType::NamedInt64(_) => match n {
                // Go's evalInteger: the constant converts to the named integer type.
                Arg::Number(num) if num.is_int => Ok(Ev::Val(Value::Int64(num.int64))),
                _ => Err(self.errorf(format!("expected integer; found {n}"))),
            },
            GoType::Int | GoType::Int64 => match n {
                Arg::Number(num) if num.is_int => Ok(Ev::Val(if t == GoType::Int {
                    Value::Int(num.int64)
                } else {
                    Value::Int64(num.int64)
                })),
                _ => Err(self.errorf(format!("expected integer; found {n}"))),
            },
            GoType::Uint32 => match n {
                Arg::Number(num) if num.is_uint => {
                    Ok(Ev::Val(Value::Uint(num.uint64 & 0xFFFF_FFFF)))
                }
                _ => Err(self.errorf(format!("expected unsigned integer; found {n}"))),
            },
            GoType::String => match n {
                Arg::String { value, .. } => Ok(Ev::Val(value.clone())),
                _ => Err(self.errorf(format!("expected string; found {n}"))),
            },
            GoType::Any => self.eval_empty_interface(dot, n),
            _ => Err(self.errorf(format!("can't handle {n} for arg of type {}", t.go_name()))),
        }
    }

    fn eval_empty_interface(&mut self, dot: &Ev, n: &'t Arg) -> EResult<Ev> {
        self.at = At::Arg(n);
        match n {
            Arg::Bool { val, .. } => Ok(Ev::Val(Value::Bool(*val))),
            Arg::Dot { .. } => Ok(dot.clone()),
            Arg::Number(num) => self.ideal_constant(n, num),
            Arg::String { value, .. } => Ok(Ev::Val(value.clone())),
            Arg::Nil { .. } => Err(self.errorf("evalEmptyInterface: nil (can't happen)")),
            _ => Err(self.errorf(format!(
                "can't handle assignment of {n} to empty interface argument"
            ))),
        }
    }
}

/// `%v` of a value for messages.
fn value_v(v: &Value) -> String {
    let mut s = String::new();
    v.write_v(&mut s, false);
    s
}
