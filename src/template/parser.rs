//! The template parser: a port of Go's `text/template/parse/parse.go` (recursive descent over
//! the lexer's items with Go's three-item lookahead), producing [`super::ast`] trees.
//!
//! Mirrored on purpose: the error texts and the line they report (the line of the most
//! recently lexed item, as Go's `t.token[0].line`), parse-time function resolution (an unknown
//! name is `function "x" not defined`; a FuncMap entry shadows a builtin), parse-time variable
//! checks, `break`/`continue` only inside `range`, `else if`/`else with` chains, `define` and
//! `block` sub-templates with their own variable scope, and Go's limit of 10000 nested
//! parentheses. On top of Go, a stack budget turns pathological nesting into an error instead of
//! a stack overflow.

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use super::ast::{
    Arg, Branch, Builtin, Command, FuncRef, List, Node, Pipe, TemplateCall, Tree, Variable,
};
use super::error::{TemplateError, TemplateErrorKind, go_location};
use super::function::{FuncMap, Pos};
use super::lexer::Lexer;
use super::literal::{new_number, unquote};
use super::stack;
use super::token::{TokKind, Token, go_quote};
use super::value::Value;

/// Go's `maxStackDepth` for nested parenthesised pipelines.
const MAX_PAREN_DEPTH: usize = 10_000;

/// What an action parsed to: a node, or the `{{end}}`/`{{else}}` that closes a list.
enum Item {
    Node(Node),
    End,
    Else { pos: usize },
}

impl Item {
    fn describe(&self) -> &'static str {
        match self {
            Item::End => "{{end}}",
            Item::Else { .. } => "{{else}}",
            Item::Node(_) => "node",
        }
    }
}

/// Per-tree state (Go keeps one `Tree` per `define`/`block`, each with its own lookahead).
struct TreeState<'s> {
    token: [Token<'s>; 3],
    peek_count: usize,
    vars: Vec<Rc<str>>,
    range_depth: usize,
    paren_depth: usize,
    action_line: u32,
    /// Open control actions (keyword, line), innermost last, for the "missing {{end}}" hint.
    open: Vec<(&'static str, u32)>,
}

impl<'s> TreeState<'s> {
    fn new() -> TreeState<'s> {
        let zero = Token {
            kind: TokKind::Eof,
            pos: 0,
            val: Cow::Borrowed(""),
            line: 0,
        };
        TreeState {
            token: [zero.clone(), zero.clone(), zero],
            peek_count: 0,
            vars: vec![Rc::from("$")],
            range_depth: 0,
            paren_depth: 0,
            action_line: 0,
            open: Vec::new(),
        }
    }
}

/// The result of parsing: every tree (the main one, `define`s and `block`s) by name.
pub struct Parsed {
    pub trees: HashMap<String, Tree>,
}

/// The parser over one source.
pub struct Parser<'s, 'f> {
    src: &'s str,
    lex: Lexer<'s>,
    st: TreeState<'s>,
    funcs: &'f FuncMap,
    parse_name: String,
    trees: HashMap<String, Tree>,
    names: HashMap<Rc<str>, u32>,
    stack_base: usize,
}

type PResult<T> = Result<T, TemplateError>;

impl<'s, 'f> Parser<'s, 'f> {
    /// Parses `src` as the template `name` (and the templates it defines).
    pub fn parse(name: &str, src: &'s str, funcs: &'f FuncMap) -> PResult<Parsed> {
        let mut names = HashMap::new();
        names.insert(Rc::from("$"), 0);
        let mut p = Parser {
            src,
            lex: Lexer::new(src),
            st: TreeState::new(),
            funcs,
            parse_name: name.to_string(),
            trees: HashMap::new(),
            names,
            stack_base: stack::stack_addr(),
        };
        let root = p.parse_root()?;
        p.add(Tree {
            name: name.to_string(),
            root,
        })?;
        Ok(Parsed { trees: p.trees })
    }

    // ---- errors ----

    fn error_at(&self, kind: TemplateErrorKind, msg: &str) -> TemplateError {
        let tok = &self.st.token[0];
        let (_, col) = go_location(self.src, tok.pos);
        let mut e = TemplateError::parse(
            &self.parse_name,
            Pos {
                line: tok.line,
                col,
            },
            msg,
        );
        e.kind = kind;
        e
    }

    fn errorf(&self, msg: impl AsRef<str>) -> TemplateError {
        self.error_at(TemplateErrorKind::Parse, msg.as_ref())
    }

    fn unexpected(&self, token: &Token<'_>, context: &str) -> TemplateError {
        if token.kind == TokKind::Error {
            let mut extra = String::new();
            if self.st.action_line != 0 && self.st.action_line != token.line {
                extra = format!(
                    " in action started at {}:{}",
                    self.parse_name, self.st.action_line
                );
                if token.val.ends_with(" action") {
                    extra = extra[" in action".len()..].to_string();
                }
            }
            return self.errorf(format!("{token}{extra}"));
        }
        self.errorf(format!("unexpected {token} in {context}"))
    }

    fn check_stack(&self) -> PResult<()> {
        if stack::exceeded(self.stack_base) {
            let mut e = self.error_at(TemplateErrorKind::Limit, "template nesting too deep");
            e.hint = Some(
                "capsule-render limits how deeply actions, blocks and parentheses nest; \
                 flatten the template"
                    .into(),
            );
            return Err(e);
        }
        Ok(())
    }

    // ---- token buffer (Go's next/backup/peek) ----

    fn next(&mut self) -> Token<'s> {
        if self.st.peek_count > 0 {
            self.st.peek_count -= 1;
        } else {
            self.st.token[0] = self.lex.next_item();
        }
        self.st.token[self.st.peek_count].clone()
    }

    fn backup(&mut self) {
        // Go's parser never backs up past its three-item buffer; the clamp keeps the buffer
        // indexes in range even if that invariant were broken.
        self.st.peek_count = (self.st.peek_count + 1).min(3);
    }

    fn backup2(&mut self, t1: Token<'s>) {
        self.st.token[1] = t1;
        self.st.peek_count = 2;
    }

    fn backup3(&mut self, t2: Token<'s>, t1: Token<'s>) {
        self.st.token[1] = t1;
        self.st.token[2] = t2;
        self.st.peek_count = 3;
    }

    fn peek(&mut self) -> Token<'s> {
        if self.st.peek_count > 0 {
            return self.st.token[self.st.peek_count - 1].clone();
        }
        self.st.peek_count = 1;
        self.st.token[0] = self.lex.next_item();
        self.st.token[0].clone()
    }

    fn next_non_space(&mut self) -> Token<'s> {
        loop {
            let t = self.next();
            if t.kind != TokKind::Space {
                return t;
            }
        }
    }

    fn peek_non_space(&mut self) -> Token<'s> {
        let t = self.next_non_space();
        self.backup();
        t
    }

    fn expect(&mut self, kind: TokKind, context: &str) -> PResult<Token<'s>> {
        let t = self.next_non_space();
        if t.kind != kind {
            return Err(self.unexpected(&t, context));
        }
        Ok(t)
    }

    // ---- trees ----

    fn add(&mut self, tree: Tree) -> PResult<()> {
        match self.trees.get(&tree.name) {
            Some(old) if !old.is_empty() => {
                if !tree.is_empty() {
                    return Err(self.errorf(format!(
                        "template: multiple definition of template {}",
                        go_quote(&tree.name)
                    )));
                }
                Ok(())
            }
            _ => {
                self.trees.insert(tree.name.clone(), tree);
                Ok(())
            }
        }
    }

    fn parse_root(&mut self) -> PResult<List> {
        let mut root = List {
            pos: self.peek().pos,
            nodes: Vec::new(),
        };
        while self.peek().kind != TokKind::Eof {
            if self.peek().kind == TokKind::LeftDelim {
                let delim = self.next();
                if self.next_non_space().kind == TokKind::Define {
                    let outer = std::mem::replace(&mut self.st, TreeState::new());
                    let r = self.parse_definition();
                    self.st = outer;
                    r?;
                    continue;
                }
                self.backup2(delim);
            }
            match self.text_or_action()? {
                Item::Node(n) => root.nodes.push(n),
                other => return Err(self.errorf(format!("unexpected {}", other.describe()))),
            }
        }
        Ok(root)
    }

    fn parse_definition(&mut self) -> PResult<()> {
        const CONTEXT: &str = "define clause";
        let name = self.next_non_space();
        if name.kind != TokKind::String && name.kind != TokKind::RawString {
            return Err(self.unexpected(&name, CONTEXT));
        }
        let name = unquote(&name.val).map_err(|e| self.errorf(e))?;
        let line = self.expect(TokKind::RightDelim, CONTEXT)?.line;
        self.st.open.push(("define", line));
        let (root, end) = self.item_list()?;
        if !matches!(end, Item::End) {
            return Err(self.errorf(format!("unexpected {} in {CONTEXT}", end.describe())));
        }
        self.add(Tree { name, root })
    }

    fn item_list(&mut self) -> PResult<(List, Item)> {
        let mut list = List {
            pos: self.peek_non_space().pos,
            nodes: Vec::new(),
        };
        while self.peek_non_space().kind != TokKind::Eof {
            match self.text_or_action()? {
                Item::Node(n) => list.nodes.push(n),
                end => return Ok((list, end)),
            }
        }
        let mut e = self.errorf("unexpected EOF");
        if let Some((kw, line)) = self.st.open.last() {
            e.hint = Some(format!(
                "the {{{{{kw}}}}} opened on line {line} is missing its {{{{end}}}}"
            ));
        }
        Err(e)
    }

    fn text_or_action(&mut self) -> PResult<Item> {
        let token = self.next_non_space();
        match token.kind {
            TokKind::Text => Ok(Item::Node(Node::Text {
                pos: token.pos,
                text: Rc::from(&*token.val),
            })),
            TokKind::LeftDelim => {
                self.st.action_line = token.line;
                let r = self.action();
                self.st.action_line = 0;
                r
            }
            _ => Err(self.unexpected(&token, "input")),
        }
    }

    fn action(&mut self) -> PResult<Item> {
        let token = self.next_non_space();
        match token.kind {
            TokKind::Block => return self.block_control(),
            TokKind::Break | TokKind::Continue => {
                let is_break = token.kind == TokKind::Break;
                let what = if is_break {
                    "{{break}}"
                } else {
                    "{{continue}}"
                };
                let t = self.next_non_space();
                if t.kind != TokKind::RightDelim {
                    return Err(self.unexpected(&t, what));
                }
                if self.st.range_depth == 0 {
                    return Err(self.errorf(format!("{what} outside {{{{range}}}}")));
                }
                let pos = token.pos;
                return Ok(Item::Node(if is_break {
                    Node::Break { pos }
                } else {
                    Node::Continue { pos }
                }));
            }
            TokKind::Else => return self.else_control(),
            TokKind::End => {
                let t = self.expect(TokKind::RightDelim, "end")?;
                return Ok({
                    let _ = t;
                    Item::End
                });
            }
            TokKind::If => return Ok(Item::Node(Node::If(self.parse_control("if")?))),
            TokKind::Range => return Ok(Item::Node(Node::Range(self.parse_control("range")?))),
            TokKind::With => return Ok(Item::Node(Node::With(self.parse_control("with")?))),
            TokKind::Template => return self.template_control(),
            _ => {}
        }
        self.backup();
        let token = self.peek();
        let pipe = self.pipeline("command", TokKind::RightDelim)?;
        Ok(Item::Node(Node::Action {
            pos: token.pos,
            pipe,
        }))
    }

    fn else_control(&mut self) -> PResult<Item> {
        let peek = self.peek_non_space();
        if peek.kind == TokKind::If || peek.kind == TokKind::With {
            return Ok(Item::Else { pos: peek.pos });
        }
        let t = self.expect(TokKind::RightDelim, "else")?;
        Ok(Item::Else { pos: t.pos })
    }

    fn parse_control(&mut self, context: &'static str) -> PResult<Branch> {
        self.check_stack()?;
        let mark = self.st.vars.len();
        let line = self.st.action_line;
        let pipe = self.pipeline(context, TokKind::RightDelim)?;
        self.st.open.push((context, line));
        if context == "range" {
            self.st.range_depth += 1;
        }
        let r = self.item_list();
        if context == "range" {
            self.st.range_depth -= 1;
        }
        let (list, next) = r?;
        let mut else_list = None;
        if let Item::Else { pos } = next {
            if context == "if" && self.peek().kind == TokKind::If {
                self.next();
                let inner = self.parse_control("if")?;
                else_list = Some(List {
                    pos,
                    nodes: vec![Node::If(inner)],
                });
            } else if context == "with" && self.peek().kind == TokKind::With {
                self.next();
                let inner = self.parse_control("with")?;
                else_list = Some(List {
                    pos,
                    nodes: vec![Node::With(inner)],
                });
            } else {
                let (l, next) = self.item_list()?;
                if !matches!(next, Item::End) {
                    return Err(self.errorf(format!("expected end; found {}", next.describe())));
                }
                else_list = Some(l);
            }
        }
        self.st.vars.truncate(mark);
        self.st.open.pop();
        Ok(Branch {
            pos: pipe.pos,
            pipe,
            list,
            else_list,
        })
    }

    fn template_name(&self, token: &Token<'_>, context: &str) -> PResult<String> {
        match token.kind {
            TokKind::String | TokKind::RawString => unquote(&token.val).map_err(|e| self.errorf(e)),
            _ => Err(self.unexpected(token, context)),
        }
    }

    fn block_control(&mut self) -> PResult<Item> {
        const CONTEXT: &str = "block clause";
        let token = self.next_non_space();
        let name = self.template_name(&token, CONTEXT)?;
        let pipe = self.pipeline(CONTEXT, TokKind::RightDelim)?;
        let line = self.st.action_line;
        let outer = std::mem::replace(&mut self.st, TreeState::new());
        self.st.open.push(("block", line));
        let r = self.item_list();
        let (root, end) = match r {
            Ok(x) => x,
            Err(e) => {
                self.st = outer;
                return Err(e);
            }
        };
        if !matches!(end, Item::End) {
            self.st = outer;
            return Err(self.errorf(format!("unexpected {} in {CONTEXT}", end.describe())));
        }
        let added = self.add(Tree {
            name: name.clone(),
            root,
        });
        self.st = outer;
        added?;
        Ok(Item::Node(Node::Template(TemplateCall {
            pos: token.pos,
            name,
            pipe: Some(pipe),
        })))
    }

    fn template_control(&mut self) -> PResult<Item> {
        const CONTEXT: &str = "template clause";
        let token = self.next_non_space();
        let name = self.template_name(&token, CONTEXT)?;
        let mut pipe = None;
        if self.next_non_space().kind != TokKind::RightDelim {
            self.backup();
            pipe = Some(self.pipeline(CONTEXT, TokKind::RightDelim)?);
        }
        Ok(Item::Node(Node::Template(TemplateCall {
            pos: token.pos,
            name,
            pipe,
        })))
    }

    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.names.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.insert(Rc::from(name), id);
        id
    }

    fn new_variable(&mut self, pos: usize, text: &str) -> Variable {
        let ident: Vec<Rc<str>> = text.split('.').map(Rc::from).collect();
        let id = self.intern(ident.first().map(|s| &**s).unwrap_or("$"));
        Variable { pos, id, ident }
    }

    fn pipeline(&mut self, context: &str, end: TokKind) -> PResult<Pipe> {
        let token = self.peek_non_space();
        let mut pipe = Pipe {
            pos: token.pos,
            is_assign: false,
            decl: Vec::new(),
            cmds: Vec::new(),
        };
        'decls: loop {
            let v = self.peek_non_space();
            if v.kind == TokKind::Variable {
                self.next();
                let after = self.peek();
                let next = self.peek_non_space();
                match next.kind {
                    TokKind::Assign | TokKind::Declare => {
                        pipe.is_assign = next.kind == TokKind::Assign;
                        self.next_non_space();
                        let var = self.new_variable(v.pos, &v.val);
                        pipe.decl.push(var);
                        self.st.vars.push(Rc::from(&*v.val));
                    }
                    TokKind::Char if next.val == "," => {
                        self.next_non_space();
                        let var = self.new_variable(v.pos, &v.val);
                        pipe.decl.push(var);
                        self.st.vars.push(Rc::from(&*v.val));
                        if context == "range" && pipe.decl.len() < 2 {
                            match self.peek_non_space().kind {
                                TokKind::Variable | TokKind::RightDelim | TokKind::RightParen => {
                                    continue 'decls;
                                }
                                _ => return Err(self.errorf("range can only initialize variables")),
                            }
                        }
                        return Err(self.errorf(format!("too many declarations in {context}")));
                    }
                    _ if after.kind == TokKind::Space => self.backup3(v, after),
                    _ => self.backup2(v),
                }
            }
            break;
        }
        loop {
            let token = self.next_non_space();
            match token.kind {
                k if k == end => {
                    self.check_pipeline(&pipe, context)?;
                    return Ok(pipe);
                }
                TokKind::Bool
                | TokKind::CharConstant
                | TokKind::Complex
                | TokKind::Dot
                | TokKind::Field
                | TokKind::Identifier
                | TokKind::Number
                | TokKind::Nil
                | TokKind::RawString
                | TokKind::String
                | TokKind::Variable
                | TokKind::LeftParen => {
                    self.backup();
                    let cmd = self.command()?;
                    pipe.cmds.push(cmd);
                }
                _ => return Err(self.unexpected(&token, context)),
            }
        }
    }

    fn check_pipeline(&self, pipe: &Pipe, context: &str) -> PResult<()> {
        if pipe.cmds.is_empty() {
            return Err(self.errorf(format!("missing value for {context}")));
        }
        for (i, c) in pipe.cmds.iter().enumerate().skip(1) {
            if matches!(
                c.args.first(),
                Some(
                    Arg::Bool { .. }
                        | Arg::Dot { .. }
                        | Arg::Nil { .. }
                        | Arg::Number(_)
                        | Arg::String { .. }
                )
            ) {
                return Err(self.errorf(format!(
                    "non executable command in pipeline stage {}",
                    i + 1
                )));
            }
        }
        Ok(())
    }

    fn command(&mut self) -> PResult<Command> {
        let pos = self.peek_non_space().pos;
        let mut cmd = Command {
            pos,
            args: Vec::new(),
        };
        loop {
            self.peek_non_space();
            if let Some(op) = self.operand()? {
                cmd.args.push(op);
            }
            let token = self.next();
            match token.kind {
                TokKind::Space => continue,
                TokKind::RightDelim | TokKind::RightParen => self.backup(),
                TokKind::Pipe => {}
                _ => return Err(self.unexpected(&token, "operand")),
            }
            break;
        }
        if cmd.args.is_empty() {
            return Err(self.errorf("empty command"));
        }
        Ok(cmd)
    }

    fn operand(&mut self) -> PResult<Option<Arg>> {
        let Some(node) = self.term()? else {
            return Ok(None);
        };
        if self.peek().kind != TokKind::Field {
            return Ok(Some(node));
        }
        let chain_pos = self.peek().pos;
        let mut fields: Vec<Rc<str>> = Vec::new();
        while self.peek().kind == TokKind::Field {
            let f = self.next();
            fields.push(Rc::from(f.val.get(1..).unwrap_or("")));
        }
        Ok(Some(match node {
            Arg::Field { mut ident, .. } => {
                ident.extend(fields);
                Arg::Field {
                    pos: chain_pos,
                    ident,
                }
            }
            Arg::Variable(mut v) => {
                v.ident.extend(fields);
                v.pos = chain_pos;
                Arg::Variable(v)
            }
            Arg::Bool { .. }
            | Arg::String { .. }
            | Arg::Number(_)
            | Arg::Nil { .. }
            | Arg::Dot { .. } => {
                return Err(self.errorf(format!(
                    "unexpected . after term {}",
                    go_quote(&node.to_string())
                )));
            }
            other => Arg::Chain {
                pos: chain_pos,
                node: Box::new(other),
                field: fields,
            },
        }))
    }

    fn resolve_function(&self, name: &str) -> PResult<FuncRef> {
        if let Some(f) = self.funcs.get(name) {
            return Ok(FuncRef::Map(*f));
        }
        if let Some(r) = self.funcs.refusal(name) {
            let mut e = self.errorf(format!("function {} not defined", go_quote(name)));
            e.hint = Some(format!("capsule-render refuses `{}`: {}", r.name, r.reason));
            return Err(e);
        }
        if let Some(b) = Builtin::lookup(name) {
            return Ok(FuncRef::Builtin(b));
        }
        Err(self.errorf(format!("function {} not defined", go_quote(name))))
    }

    fn term(&mut self) -> PResult<Option<Arg>> {
        let token = self.next_non_space();
        let pos = token.pos;
        Ok(Some(match token.kind {
            TokKind::Identifier => {
                let func = self.resolve_function(&token.val)?;
                Arg::Identifier {
                    pos,
                    name: Rc::from(&*token.val),
                    func,
                }
            }
            TokKind::Dot => Arg::Dot { pos },
            TokKind::Nil => Arg::Nil { pos },
            TokKind::Variable => {
                let v = self.new_variable(pos, &token.val);
                let first = v.ident.first().cloned().unwrap_or_else(|| Rc::from("$"));
                if !self.st.vars.contains(&first) {
                    return Err(self.errorf(format!("undefined variable {}", go_quote(&first))));
                }
                Arg::Variable(v)
            }
            TokKind::Field => Arg::Field {
                pos,
                ident: token
                    .val
                    .get(1..)
                    .unwrap_or("")
                    .split('.')
                    .map(Rc::from)
                    .collect(),
            },
            TokKind::Bool => Arg::Bool {
                pos,
                val: token.val == "true",
            },
            TokKind::CharConstant | TokKind::Complex | TokKind::Number => {
                let n = new_number(
                    pos,
                    &token.val,
                    token.kind == TokKind::CharConstant,
                    token.kind == TokKind::Complex,
                )
                .map_err(|e| self.errorf(e))?;
                Arg::Number(Box::new(n))
            }
            TokKind::LeftParen => {
                if self.st.paren_depth >= MAX_PAREN_DEPTH {
                    return Err(self.errorf("max expression depth exceeded"));
                }
                self.check_stack()?;
                self.st.paren_depth += 1;
                let r = self.pipeline("parenthesized pipeline", TokKind::RightParen);
                self.st.paren_depth -= 1;
                Arg::Pipe(Box::new(r?))
            }
            TokKind::String | TokKind::RawString => {
                let s = unquote(&token.val).map_err(|e| self.errorf(e))?;
                Arg::String {
                    pos,
                    quoted: Rc::from(&*token.val),
                    value: Value::from(s),
                }
            }
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::function::{CallCtx, FuncError, Function, GoType, Signature};

    fn contains(_: &mut CallCtx<'_>, _: &[Value]) -> Result<Value, FuncError> {
        Ok(Value::Bool(false))
    }

    /// Go's parse tests parse with `printf` and `contains` defined.
    fn funcs() -> FuncMap {
        let mut m = FuncMap::new();
        m.insert(Function {
            name: "contains",
            signature: Signature::Typed {
                params: &[GoType::String, GoType::String],
                variadic: None,
                returns_error: false,
            },
            call: contains,
            nondeterministic: false,
        });
        m
    }

    /// The tree as Go's tests print it (`textFormat = "%q"`: text nodes quoted).
    fn show(list: &List, out: &mut String) {
        for n in &list.nodes {
            match n {
                Node::Text { text, .. } => out.push_str(&go_quote(text)),
                Node::If(b) | Node::Range(b) | Node::With(b) => {
                    let kw = match n {
                        Node::If(_) => "if",
                        Node::Range(_) => "range",
                        _ => "with",
                    };
                    out.push_str(&format!("{{{{{kw} {}}}}}", b.pipe));
                    show(&b.list, out);
                    if let Some(e) = &b.else_list {
                        out.push_str("{{else}}");
                        show(e, out);
                    }
                    out.push_str("{{end}}");
                }
                other => out.push_str(&other.to_string()),
            }
        }
    }

    #[test]
    fn go_parse_tests() {
        // Go's parse_test.go `parseTests`: input, parses without error, tree as Go prints it.
        let cases: &[(&str, bool, &str)] = &[
            ("", true, ""),
            ("{{/*\n\n\n*/}}", true, ""),
            (" \t\n", true, "\" \\t\\n\""),
            ("some text", true, "\"some text\""),
            ("{{}}", false, "{{}}"),
            ("{{.X}}", true, "{{.X}}"),
            ("{{printf}}", true, "{{printf}}"),
            ("{{$}}", true, "{{$}}"),
            (
                "{{with $x := 3}}{{$x 23}}{{end}}",
                true,
                "{{with $x := 3}}{{$x 23}}{{end}}",
            ),
            ("{{$.I}}", true, "{{$.I}}"),
            ("{{printf `%d` 23}}", true, "{{printf `%d` 23}}"),
            ("{{.X|.Y}}", true, "{{.X | .Y}}"),
            ("{{$x := .X|.Y}}", true, "{{$x := .X | .Y}}"),
            (
                "{{.X (.Y .Z) (.A | .B .C) (.E)}}",
                true,
                "{{.X (.Y .Z) (.A | .B .C) (.E)}}",
            ),
            ("{{(.Y .Z).Field}}", true, "{{(.Y .Z).Field}}"),
            ("{{if .X}}hello{{end}}", true, "{{if .X}}\"hello\"{{end}}"),
            (
                "{{if .X}}true{{else}}false{{end}}",
                true,
                "{{if .X}}\"true\"{{else}}\"false\"{{end}}",
            ),
            (
                "{{if .X}}true{{else if .Y}}false{{end}}",
                true,
                "{{if .X}}\"true\"{{else}}{{if .Y}}\"false\"{{end}}{{end}}",
            ),
            (
                "+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+",
                true,
                "\"+\"{{if .X}}\"X\"{{else}}{{if .Y}}\"Y\"{{else}}{{if .Z}}\"Z\"{{end}}{{end}}{{end}}\"+\"",
            ),
            (
                "{{range .X}}hello{{end}}",
                true,
                "{{range .X}}\"hello\"{{end}}",
            ),
            (
                "{{range .X.Y.Z}}hello{{end}}",
                true,
                "{{range .X.Y.Z}}\"hello\"{{end}}",
            ),
            (
                "{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}",
                true,
                "{{range .X}}\"hello\"{{range .Y}}\"goodbye\"{{end}}{{end}}",
            ),
            (
                "{{range .X}}true{{else}}false{{end}}",
                true,
                "{{range .X}}\"true\"{{else}}\"false\"{{end}}",
            ),
            (
                "{{range .X|.M}}true{{else}}false{{end}}",
                true,
                "{{range .X | .M}}\"true\"{{else}}\"false\"{{end}}",
            ),
            (
                "{{range .SI}}{{.}}{{end}}",
                true,
                "{{range .SI}}{{.}}{{end}}",
            ),
            (
                "{{range $x := .SI}}{{.}}{{end}}",
                true,
                "{{range $x := .SI}}{{.}}{{end}}",
            ),
            (
                "{{range $x, $y := .SI}}{{.}}{{end}}",
                true,
                "{{range $x, $y := .SI}}{{.}}{{end}}",
            ),
            (
                "{{range .SI}}{{.}}{{break}}{{end}}",
                true,
                "{{range .SI}}{{.}}{{break}}{{end}}",
            ),
            (
                "{{range .SI}}{{.}}{{continue}}{{end}}",
                true,
                "{{range .SI}}{{.}}{{continue}}{{end}}",
            ),
            (
                "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}",
                true,
                "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}",
            ),
            ("{{template `x`}}", true, "{{template \"x\"}}"),
            ("{{template `x` .Y}}", true, "{{template \"x\" .Y}}"),
            (
                "{{with .X}}hello{{end}}",
                true,
                "{{with .X}}\"hello\"{{end}}",
            ),
            (
                "{{with .X}}hello{{else}}goodbye{{end}}",
                true,
                "{{with .X}}\"hello\"{{else}}\"goodbye\"{{end}}",
            ),
            (
                "{{with .X}}hello{{else with .Y}}goodbye{{end}}",
                true,
                "{{with .X}}\"hello\"{{else}}{{with .Y}}\"goodbye\"{{end}}{{end}}",
            ),
            (
                "{{with .X}}X{{else with .Y}}Y{{else with .Z}}Z{{end}}",
                true,
                "{{with .X}}\"X\"{{else}}{{with .Y}}\"Y\"{{else}}{{with .Z}}\"Z\"{{end}}{{end}}{{end}}",
            ),
            ("x \r\n\t{{- 3}}", true, "\"x\"{{3}}"),
            ("{{3 -}}\n\n\ty", true, "{{3}}\"y\""),
            ("x \r\n\t{{- 3 -}}\n\n\ty", true, "\"x\"{{3}}\"y\""),
            ("x\n{{-  3   -}}\ny", true, "\"x\"{{3}}\"y\""),
            ("x \r\n\t{{- /* hi */}}", true, "\"x\""),
            ("{{/* hi */ -}}\n\n\ty", true, "\"y\""),
            ("x \r\n\t{{- /* */ -}}\n\n\ty", true, "\"x\"\"y\""),
            (
                "{{block \"foo\" .}}hello{{end}}",
                true,
                "{{template \"foo\" .}}",
            ),
            ("{{ $x \n := \n 1 \n }}", true, "{{$x := 1}}"),
            ("{{\n}}", false, "{{\n}}"),
            ("{{\n\"x\"\n|\nprintf\n}}", true, "{{\"x\" | printf}}"),
            ("{{/*\nhello\n*/}}", true, ""),
            ("{{-\n/*\nhello\n*/\n-}}", true, ""),
            (
                "{{range .SI}}{{.}}{{ continue }}{{end}}",
                true,
                "{{range .SI}}{{.}}{{continue}}{{end}}",
            ),
            (
                "{{range .SI}}{{.}}{{ break }}{{end}}",
                true,
                "{{range .SI}}{{.}}{{break}}{{end}}",
            ),
            ("hello{{range", false, ""),
            ("{{end}}", false, ""),
            ("{{else}}", false, ""),
            ("{{if .X}}hello{{end}}{{else}}", false, ""),
            ("{{if .X}}1{{else}}2{{else}}3{{end}}", false, ""),
            ("hello{{range .x}}", false, ""),
            ("hello{{range .x}}{{else}}", false, ""),
            ("hello{{undefined}}", false, ""),
            ("{{$x}}", false, ""),
            ("{{with $x := 4}}{{end}}{{$x}}", false, ""),
            ("{{template $v}}", false, ""),
            ("{{with $x.Y := 4}}{{end}}", false, ""),
            ("{{template .X}}", false, ""),
            ("{{template $v}}", false, ""),
            ("{{printf 3, 4}}", false, ""),
            ("{{with $v, $u := 3}}{{end}}", false, ""),
            ("{{range $u, $v, $w := 3}}{{end}}", false, ""),
            ("{{printf (printf .).}}", false, ""),
            ("{{printf 3`x`}}", false, ""),
            ("{{printf `x`.}}", false, ""),
            ("{{if .X}}a{{else if .Y}}b{{end}}{{end}}", false, ""),
            ("{{range .}}{{end}} {{break}}", false, ""),
            ("{{range .}}{{end}} {{continue}}", false, ""),
            ("{{range .}}{{else}}{{break}}{{end}}", false, ""),
            ("{{range .}}{{else}}{{continue}}{{end}}", false, ""),
            ("{{$x := 0}}{{$x}}", true, "{{$x := 0}}{{$x}}"),
            ("{{$x += 1}}{{$x}}", false, ""),
            ("{{$x ! 2}}{{$x}}", false, ""),
            ("{{$x % 3}}{{$x}}", false, ""),
            ("{{range $x := $y := 3}}{{end}}", false, ""),
            ("{{$x:=.}}{{$x!2}}", false, ""),
            ("{{$x:=.}}{{$x+2}}", false, ""),
            ("{{$x:=.}}{{$x +2}}", true, "{{$x := .}}{{$x +2}}"),
            (
                "{{range $x := 0}}{{$x}}{{end}}",
                true,
                "{{range $x := 0}}{{$x}}{{end}}",
            ),
            (
                "{{range $x = 0}}{{$x}}{{end}}",
                true,
                "{{range $x = 0}}{{$x}}{{end}}",
            ),
            ("{{1.E}}", false, ""),
            ("{{0.1.E}}", false, ""),
            ("{{true.E}}", false, ""),
            ("{{'a'.any}}", false, ""),
            ("{{\"hello\".guys}}", false, ""),
            ("{{..E}}", false, ""),
            ("{{nil.E}}", false, ""),
            ("{{12|.}}", false, ""),
            ("{{.|12|printf}}", false, ""),
            ("{{.|printf|\"error\"}}", false, ""),
            ("{{12|printf|'e'}}", false, ""),
            ("{{.|true}}", false, ""),
            ("{{'c'|nil}}", false, ""),
            ("{{printf \"%d\" ( ) }}", false, ""),
            ("{{block \"foo\"}}hello{{end}}", false, ""),
            ("{{ (( 1 )) }}", true, "{{((1))}}"),
            ("{{ ((( 1 ))) }}", true, "{{(((1)))}}"),
            ("{{ ((( 1 ))) | printf }}", true, "{{(((1))) | printf}}"),
            (
                "{{ if ((( true ))) }}YES{{ end }}",
                true,
                "{{if (((true)))}}\"YES\"{{end}}",
            ),
        ];
        let funcs = funcs();
        for &(input, ok, want) in cases {
            match Parser::parse("test", input, &funcs) {
                Ok(p) => {
                    assert!(ok, "{input:?} parsed but Go fails it");
                    let mut got = String::new();
                    if let Some(t) = p.trees.get("test") {
                        show(&t.root, &mut got);
                    }
                    assert_eq!(got, want, "{input:?}");
                }
                Err(e) => assert!(!ok, "{input:?} failed: {}", e.go_message),
            }
        }
    }

    #[test]
    fn error_lines_and_columns() {
        // (input, Go's message, column of the offending item as we report it).
        let cases: &[(&str, &str, u32)] = &[
            ("line1\n{{", "template: t:2: unclosed action", 2),
            (
                "line1\n{{define `x`}}line2\n{{",
                "template: t:3: unclosed action",
                2,
            ),
            (
                "line1\n{{\"x\"\n\"y\"\n",
                "template: t:4: unclosed action started at t:2",
                0,
            ),
            (
                "{{\n\n\n\n\n",
                "template: t:6: unclosed action started at t:1",
                0,
            ),
            (
                "line1\n{{\nx\n}}",
                "template: t:3: function \"x\" not defined",
                0,
            ),
            ("{{/*\nhello\n}}", "template: t:1: unclosed comment", 2),
            ("{{ $v := `\n` }} {{", "template: t:2: unclosed action", 7),
            (
                "a\n  {{ .x | 3 }}",
                "template: t:2: non executable command in pipeline stage 2",
                12,
            ),
        ];
        let funcs = funcs();
        for &(input, msg, col) in cases {
            let e = match Parser::parse("t", input, &funcs) {
                Ok(_) => panic!("{input:?} should fail"),
                Err(e) => e,
            };
            assert_eq!(e.go_message, msg, "{input:?}");
            assert_eq!(e.pos.map(|p| p.col), Some(col), "{input:?}");
        }
    }

    #[test]
    fn hostile_nesting_is_an_error_not_a_crash() {
        let funcs = FuncMap::new();
        let parens = format!("{{{{{}1{}}}}}", "(".repeat(20_000), ")".repeat(20_000));
        let e = Parser::parse("t", &parens, &funcs)
            .err()
            .map(|e| e.go_message);
        assert!(e.is_some());
        let ifs = format!(
            "{}x{}",
            "{{if 1}}".repeat(100_000),
            "{{end}}".repeat(100_000)
        );
        let e = Parser::parse("t", &ifs, &funcs)
            .err()
            .map(|e| (e.kind, e.go_message));
        assert_eq!(
            e,
            Some((
                TemplateErrorKind::Limit,
                "template: t:1: template nesting too deep".to_string()
            ))
        );
    }
}
