import json, random, subprocess, sys, os
ORACLE='/root/.cache/gotmpl-oracle/gotmpl-oracle'
random.seed(int(sys.argv[1]) if len(sys.argv)>1 else 1)
N=int(sys.argv[2]) if len(sys.argv)>2 else 2000
D = {"s": "str", "i": 3, "f": 2.5, "b": True, "n": None, "l": [1, "two", None, {"k": "v"}],
     "m": {"a": 1, "b": {"c": "deep"}, "z": None}, "e": [], "em": {}, "neg": -5, "zero": 0, "es": "", "ls": ["b", "a"]}
atoms = ['.s','.i','.f','.b','.n','.l','.m','.e','.em','.neg','.zero','.es','.ls','.m.a','.m.b.c','.m.z','.missing','.m.nope.x','.l.x',
         '$','$.s','$x','$y','.','1','-2','3.5','1e3','0x10',"'a'",'"str"','`raw`','true','false','nil','1i',
         '(.i)','(len .s)','(index .l 1)','(list 1 2)','(dict "a" 1)','(print .i)', '.m.b', '(.m).a', '$x.k']
funcs = ['len','index','print','println','eq','ne','lt','le','gt','ge','and','or','not','upper','repeat','list','ternary','hasKey','atoi','dict','join','trunc','call','fail']
def pipe(depth=0):
    parts=[]
    for _ in range(random.choice([1,1,1,2,3])):
        if random.random()<0.55:
            f=random.choice(funcs)
            args=' '.join(operand(depth) for _ in range(random.choice([0,1,1,2,2,3])))
            parts.append((f+' '+args).strip())
        else:
            parts.append(operand(depth))
    return ' | '.join(parts)
def operand(depth):
    if depth<2 and random.random()<0.15:
        return '('+pipe(depth+1)+')'
    return random.choice(atoms)
def action():
    r=random.random()
    p=pipe()
    if r<0.35: return '{{'+p+'}}'
    if r<0.45: return '{{$x := '+p+'}}{{$x}}'
    if r<0.55: return '{{if '+p+'}}T{{else}}F{{end}}'
    if r<0.65: return '{{with '+p+'}}W{{.}}{{else}}E{{end}}'
    if r<0.8: return '{{range $i, $v := '+p+'}}{{$i}}={{$v}};{{else}}none{{end}}'
    if r<0.85: return '{{range '+p+'}}{{.}}{{if eq 1 1}}{{break}}{{end}}{{end}}'
    if r<0.9: return '{{define "d"}}[{{.}}]{{end}}{{template "d" '+p+'}}'
    return '{{- '+p+' -}}'
cases=[]
for _ in range(N):
    t='{{$y := 1}}'+' '.join(action() for _ in range(random.choice([1,2])))
    cases.append({"template":t,"data":D,"missingkey":random.choice(["zero","zero","invalid","error"])})
inp=''.join(json.dumps(c)+'\n' for c in cases)
open('/tmp/eng/fz_in.jsonl','w').write(inp)
go=subprocess.run([ORACLE,'-batch'],input=(''.join(json.dumps(dict(c,compat="sprig"))+'\n' for c in cases)).encode(),capture_output=True).stdout.decode().splitlines()
env=dict(os.environ,TEMPLATE_CASES_IN='/tmp/eng/fz_in.jsonl',TEMPLATE_CASES_OUT='/tmp/eng/fz_out.jsonl')
subprocess.run(['cargo','test','-q','--test','template_exec','--','--ignored','run_external_cases'],cwd=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..'),env=env,capture_output=True)
us=open('/tmp/eng/fz_out.jsonl').read().splitlines()
bad=0
for c,g,u in zip(cases,go,us):
    g=json.loads(g); u=json.loads(u)
    if g.get('phase')=='panic': continue
    ge=g.get('error'); ue=u.get('error')
    if ge:
        ok = ue==ge
    else:
        ok = ue is None and u['output']==g['output']
    if not ok:
        # ignore differences due to placeholder printf/escapers
        if any(w in c['template'] for w in ('printf','html','js','urlquery')) or '%!' in (ge or '') or 'non-comparable' in (ge or ''): continue
        bad+=1
        if bad<=25:
            print('FAIL',json.dumps(c['template']),c['missingkey'])
            print('  go:',json.dumps(ge or g['output']))
            print('  us:',json.dumps(ue or u['output']))
print('bad',bad,'of',len(cases))
