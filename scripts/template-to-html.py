#!/usr/bin/env python3
"""Template text dump -> HTML: a paragraph per line, a ruled table per run of tab-separated lines,
a page break at each `- N -` line. Usage: template-to-html.py SRC.txt DST.html FONT"""
import sys,html
src,dst,font=sys.argv[1],sys.argv[2],sys.argv[3]
lines=open(src,encoding='utf-8').read().split('\n')
out=['<html><head><meta charset="utf-8"><style>body{font-family:"%s";font-size:14pt} table{border-collapse:collapse} td{border:1px solid #000;padding:2px 4px}</style></head><body>'%font]
i=0
while i<len(lines):
    l=lines[i]
    if '\t' in l:
        out.append('<table>')
        while i<len(lines) and '\t' in lines[i]:
            out.append('<tr>'+''.join('<td>%s</td>'%html.escape(c) for c in lines[i].split('\t'))+'</tr>')
            i+=1
        out.append('</table>')
        continue
    if l.strip().startswith('- ') and l.strip().endswith(' -'):
        out.append('<div style="page-break-after:always"></div>')
    elif l.strip():
        out.append('<p>%s</p>'%html.escape(l))
    i+=1
out.append('</body></html>')
open(dst,'w',encoding='utf-8').write('\n'.join(out))
