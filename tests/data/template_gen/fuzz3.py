import json, random, subprocess, sys, os
ORACLE='/root/.cache/gotmpl-oracle/gotmpl-oracle'
random.seed(int(sys.argv[1])); N=int(sys.argv[2])
D = {"s": "str", "i": 3, "f": 2.5, "b": True, "n": None, "l": [1, "two", None, {"k": "v"}],
     "m": {"a": 1, "b": {"c": "deep"}, "z": None}, "e": [], "em": {}, "neg": -5, "zero": 0, "es": "", "ls": ["b", "a"],
     "lm": [{"k": 1}, {"k": 2}], "nest": [[1, 2], [3]]}
vals=['.','$','.s','.i','.l','.m','.e','.ls','.lm','.nest','.k','$.i','$v','$i','$w','.missing','.m.b','2','0','"x"','.n','(index $.l 3)','.b','.zero']
def expr():
    r=random.random()
    if r<0.5: return random.choice(vals)
    if r<0.7: return random.choice(['len','print','not','index $.l']) + ' ' + random.choice(vals)
    if r<0.85: return random.choice(['eq','ne','lt','and','or']) + ' ' + random.choice(vals) + ' ' + random.choice(vals)
    return random.choice(vals)+' | '+random.choice(['print','len','not'])
def trim(s): 
    return random.choice(['{{','{{- '])+s+random.choice(['}}',' -}}'])
def block(d, inrange):
    out=[]
    for _ in range(random.randint(1,3)):
        r=random.random()
        if d>3 or r<0.3:
            out.append(random.choice([' ','\n','x',' y\n  ','\t'])+trim(expr()))
        elif r<0.4:
            out.append(trim(random.choice(['$v := ','$w := ','$v = ','$i = '])+expr()))
        elif r<0.55:
            out.append(trim('if '+expr())+block(d+1,inrange)+(trim('else if '+expr())+block(d+1,inrange) if random.random()<0.3 else '')+(trim('else')+block(d+1,inrange) if random.random()<0.5 else '')+trim('end'))
        elif r<0.65:
            out.append(trim('with '+random.choice(['','$w := '])+expr())+block(d+1,inrange)+(trim('else with '+expr())+block(d+1,inrange) if random.random()<0.3 else '')+(trim('else')+block(d+1,inrange) if random.random()<0.4 else '')+trim('end'))
        elif r<0.8:
            out.append(trim('range '+random.choice(['','$i, $v := ','$v := ','$i, $v = '])+expr())+block(d+1,True)+(trim('else')+block(d+1,inrange) if random.random()<0.4 else '')+trim('end'))
        elif r<0.87 and inrange:
            out.append(trim(random.choice(['break','continue'])))
        elif r<0.93:
            out.append(trim('template "t" '+expr()))
        else:
            out.append('{{/* c */}}'+random.choice(['',' ','\n']))
    return ''.join(out)
cases=[]
for _ in range(N):
    t='{{$v := 0}}{{$i := 0}}{{$w := 1}}{{define "t"}}<{{.}}>{{end}}'+block(0,False)
    cases.append({"template":t,"data":D,"missingkey":random.choice(["zero","invalid","error"])})
open('/tmp/eng/fz_in.jsonl','w').write(''.join(json.dumps(c)+'\n' for c in cases))
go=subprocess.run([ORACLE,'-batch'],input=''.join(json.dumps(dict(c,compat="sprig"))+'\n' for c in cases).encode(),capture_output=True).stdout.decode().splitlines()
env=dict(os.environ,TEMPLATE_CASES_IN='/tmp/eng/fz_in.jsonl',TEMPLATE_CASES_OUT='/tmp/eng/fz_out.jsonl')
subprocess.run(['cargo','test','-q','--test','template_exec','--','--ignored','run_external_cases'],cwd=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..'),env=env,capture_output=True)
us=open('/tmp/eng/fz_out.jsonl').read().splitlines()
bad=0; errs=0
for c,g,u in zip(cases,go,us):
    g=json.loads(g); u=json.loads(u)
    ge=g.get('error'); ue=u.get('error')
    if ge: errs+=1
    ok = (ue==ge) if ge else (ue is None and u['output']==g['output'])
    if not ok and 'non-comparable' not in (ge or ''):
        bad+=1
        if bad<=10:
            print('FAIL',json.dumps(c['template']),c['missingkey'])
            print('  go:',json.dumps(ge or g['output']))
            print('  us:',json.dumps(ue or u['output']))
print('bad',bad,'of',len(cases),'errors',errs)
