"""Small KEGG excerpts written for the tests: realistic entries in KEGG's own layouts.

These are typed for the purpose (a few entries each, some trimmed), never a KEGG dump.
"""

from __future__ import annotations

COMPOUNDS = """\
ENTRY       C00031                      Compound
NAME        D-Glucose;
            Grape sugar;
            Dextrose;
            Glucose;
            D-Glc
FORMULA     C6H12O6
EXACT_MASS  180.0634
MOL_WEIGHT  180.1559
REMARK      Same as: D00009
COMMENT     Generic compound in reaction hierarchy [br:br08201]
REACTION    R00010 R00026 R00028 R00108 R00208 R00263 R00299 R00305
            R00306 R00755 R00800 R00801 R00802 R00803 R00948 R01103
PATHWAY     map00010  Glycolysis / Gluconeogenesis
            map00052  Galactose metabolism
            map00500  Starch and sucrose metabolism
            map00520  Amino sugar and nucleotide sugar metabolism
            map01100  Metabolic pathways
            map04973  Carbohydrate digestion and absorption
MODULE      M00001  Glycolysis (Embden-Meyerhof pathway), glucose => pyruvate
            M00549  Nucleotide sugar biosynthesis, glucose => UDP-glucose
ENZYME      1.1.1.118       1.1.1.119       1.1.1.121       1.1.1.359
            1.1.3.10        1.1.5.2         1.1.5.9         2.4.1.8
            2.7.1.1         2.7.1.2         3.2.1.3         3.2.1.10
BRITE       Compounds with biological roles [BR:br08001]
             Organic acids [Fig]
              Carbohydrates
               Monosaccharides
                C00031  D-Glucose
            Phytochemical compounds [BR:br08003]
             Carbohydrates
              Monosaccharides
               C00031  D-Glucose
DBLINKS     CAS: 50-99-7
            PubChem: 3333
            ChEBI: 4167
            KNApSAcK: C00000081
            PDB-CCD: GLC
            3DMET: B00004
            NIKKAJI: J1.409I
ATOM        12
            1   C1b C    23.2004  -20.7430
            2   C1b C    24.4192  -20.0466
            3   C1b C    24.4192  -18.6478
            4   C1b C    23.2004  -17.9456
            5   C1b C    21.9817  -18.6478
            6   O2a O    21.9817  -20.0466
            7   C1b C    20.7630  -17.9456
            8   O1a O    20.7630  -16.5468
            9   O1a O    23.2004  -16.5468
            10  O1a O    25.6379  -17.9456
            11  O1a O    25.6379  -20.7430
            12  O1a O    23.2004  -22.1418
BOND        12
            1     1   2 1
            2     2   3 1
            3     3   4 1
            4     4   5 1
            5     5   6 1
            6     1   6 1
            7     5   7 1 #Down
            8     7   8 1
            9     4   9 1 #Down
            10    3  10 1 #Up
            11    2  11 1 #Down
            12    1  12 1
///
ENTRY       C00022                      Compound
NAME        Pyruvate;
            Pyruvic acid;
            2-Oxopropanoate;
            2-Oxopropanoic acid;
            Pyroracemic acid
FORMULA     C3H4O3
EXACT_MASS  88.016
MOL_WEIGHT  88.0621
REACTION    R00004 R00006 R00007 R00008 R00013 R00014 R00196 R00199
            R00200 R00203 R00206 R00207 R00209 R00210 R00211 R00212
PATHWAY     map00010  Glycolysis / Gluconeogenesis
            map00020  Citrate cycle (TCA cycle)
            map00620  Pyruvate metabolism
MODULE      M00001  Glycolysis (Embden-Meyerhof pathway), glucose => pyruvate
            M00307  Pyruvate oxidation, pyruvate => acetyl-CoA
ENZYME      1.1.1.27        1.1.1.28        1.2.1.51        1.2.4.1
            2.7.1.40        2.7.9.1         4.1.1.1         6.4.1.1
DBLINKS     CAS: 127-17-3
            PubChem: 3324
            ChEBI: 15361
            PDB-CCD: PYR
            3DMET: B00006
ATOM        6
            1   C5a C    22.1200  -17.7900
            2   C6a C    23.3327  -17.0900
            3   O6a O    24.5451  -17.7900
            4   O6a O    23.3327  -15.6900
            5   C1a C    20.9075  -17.0900
            6   O5a O    22.1200  -19.1900
BOND        5
            1     1   2 1
            2     2   3 1
            3     2   4 2
            4     1   5 1
            5     1   6 2
///
ENTRY       C00002                      Compound
NAME        ATP;
            Adenosine 5'-triphosphate
FORMULA     C10H16N5O13P3
EXACT_MASS  506.9957
MOL_WEIGHT  507.181
REACTION    R00002 R00076 R00085 R00086 R00087 R00088 R00089 R00104
PATHWAY     map00190  Oxidative phosphorylation
            map00230  Purine metabolism
ENZYME      1.2.1.30        1.2.1.95        1.3.7.7         1.3.7.8
            2.7.1.1
DBLINKS     CAS: 56-65-5
            PubChem: 3304
            ChEBI: 15422
            PDB-CCD: ATP
///
"""

ENZYMES = """\
ENTRY       EC 1.1.1.1                  Enzyme
NAME        alcohol dehydrogenase;
            aldehyde reductase;
            ADH;
            alcohol dehydrogenase (NAD);
            aliphatic alcohol dehydrogenase;
            ethanol dehydrogenase;
            NAD-dependent alcohol dehydrogenase;
            NADH-alcohol dehydrogenase;
            primary alcohol dehydrogenase;
            yeast alcohol dehydrogenase
CLASS       Oxidoreductases;
            Acting on the CH-OH group of donors;
            With NAD+ or NADP+ as acceptor
SYSNAME     alcohol:NAD+ oxidoreductase
REACTION    (1) a primary alcohol + NAD+ = an aldehyde + NADH + H+ [RN:R00623];
            (2) a secondary alcohol + NAD+ = a ketone + NADH + H+ [RN:R00624]
ALL_REAC    R00623 R00624 R00754 R02124 R02878 R04805 R04880 R05233 R05234
            R06917 R06927 R07105 R08281 R08306 R08310 R10783;
            (other) R07326 R07327
SUBSTRATE   primary alcohol [CPD:C00226];
            NAD+ [CPD:C00003];
            secondary alcohol [CPD:C01612]
PRODUCT     aldehyde [CPD:C00071];
            NADH [CPD:C00004];
            H+ [CPD:C00080];
            ketone [CPD:C01450]
COFACTOR    Zinc [CPD:C00038]
COMMENT     A zinc protein. Acts on primary or secondary alcohols or hemi-acetals with
            very broad specificity; however the enzyme oxidizes methanol much more poorly
            than ethanol.
HISTORY     EC 1.1.1.1 created 1961
REFERENCE   1  [PMID:13605979]
  AUTHORS   Bonnichsen RK, Wassen AM.
  TITLE     Crystalline alcohol dehydrogenase from horse liver.
  JOURNAL   Arch. Biochem. 18 (1948) 361-363.
REFERENCE   2  [PMID:14772359]
  AUTHORS   Brink NG.
  TITLE     Beef liver alcohol dehydrogenase.
  JOURNAL   Acta Chem. Scand. 7 (1953) 1081-1097.
PATHWAY     ec00010  Glycolysis / Gluconeogenesis
            ec00071  Fatty acid degradation
            ec00350  Tyrosine metabolism
            ec01100  Metabolic pathways
ORTHOLOGY   K00001  alcohol dehydrogenase [EC:1.1.1.1]
            K00121  S-(hydroxymethyl)glutathione dehydrogenase / alcohol
                    dehydrogenase [EC:1.1.1.284 1.1.1.1]
            K13951  alcohol dehydrogenase 1/7 [EC:1.1.1.1]
GENES       HSA: 124(ADH1A) 125(ADH1B) 126(ADH1C) 127(ADH4) 128(ADH5) 130(ADH6)
                 131(ADH7)
            PTR: 461394(ADH1B) 461395(ADH1C) 461396(ADH1A)
            MMU: 11522(Adh1) 11529(Adh7) 11532(Adh5) 26876(Adh4)
            SCE: YBR145W(ADH5) YGL256W(ADH4) YMR083W(ADH3) YMR303C(ADH2) YOL086C(ADH1)
            ECO: b0356(frmA) b1478(adhP)
            ATH: AT1G77120(ADH1) AT5G43940(HOT5)
DBLINKS     ExplorEnz - The Enzyme Database: 1.1.1.1
            IUBMB Enzyme Nomenclature: 1.1.1.1
            ExPASy - ENZYME nomenclature database: 1.1.1.1
            BRENDA, the Enzyme Database: 1.1.1.1
            CAS: 9031-72-5
///
ENTRY       EC 2.7.1.1                  Enzyme
NAME        hexokinase;
            hexokinase type IV glucokinase;
            hexokinase D;
            hexokinase type IV;
            hexokinase (phosphorylating);
            ATP-dependent hexokinase;
            glucose ATP phosphotransferase
CLASS       Transferases;
            Transferring phosphorus-containing groups;
            Phosphotransferases with an alcohol group as acceptor
SYSNAME     ATP:D-hexose 6-phosphotransferase
REACTION    ATP + D-hexose = ADP + D-hexose 6-phosphate [RN:R01786]
ALL_REAC    R01786 > R00299 R00760 R00867 R01326 R01600 R01961 R03920
SUBSTRATE   ATP [CPD:C00002];
            D-hexose [CPD:C00738]
PRODUCT     ADP [CPD:C00008];
            D-hexose 6-phosphate [CPD:C02965]
COMMENT     D-Glucose, D-mannose, D-fructose, sorbitol and D-glucosamine can act as
            acceptors; ITP and dATP can act as donors.
HISTORY     EC 2.7.1.1 created 1961
PATHWAY     ec00010  Glycolysis / Gluconeogenesis
            ec00051  Fructose and mannose metabolism
            ec00052  Galactose metabolism
            ec00500  Starch and sucrose metabolism
            ec00520  Amino sugar and nucleotide sugar metabolism
            ec01100  Metabolic pathways
ORTHOLOGY   K00844  hexokinase [EC:2.7.1.1]
            K12407  glucokinase [EC:2.7.1.2]
GENES       HSA: 3098(HK1) 3099(HK2) 3101(HK3) 80201(HKDC1)
            MMU: 15275(Hk1) 15277(Hk2) 212032(Hk3)
            SCE: YFR053C(HXK1) YGL253W(HXK2)
DBLINKS     ExplorEnz - The Enzyme Database: 2.7.1.1
            IUBMB Enzyme Nomenclature: 2.7.1.1
            ExPASy - ENZYME nomenclature database: 2.7.1.1
            BRENDA, the Enzyme Database: 2.7.1.1
            CAS: 9001-51-8
///
ENTRY       EC 1.1.1.68                 Obsolete  Enzyme
NAME        Transferred to 1.5.1.20
CLASS       Oxidoreductases;
            Acting on the CH-OH group of donors;
            With NAD+ or NADP+ as acceptor
COMMENT     Now EC 1.5.1.20, methylenetetrahydrofolate reductase [NAD(P)H]
HISTORY     EC 1.1.1.68 created 1965, deleted 1978
///
"""

ORTHOLOGY = """\
ENTRY       K00844                      KO
SYMBOL      HK
NAME        hexokinase [EC:2.7.1.1]
PATHWAY     map00010  Glycolysis / Gluconeogenesis
            map00051  Fructose and mannose metabolism
            map00052  Galactose metabolism
            map00500  Starch and sucrose metabolism
            map01200  Carbon metabolism
            map04910  Insulin signaling pathway
MODULE      M00001  Glycolysis (Embden-Meyerhof pathway), glucose => pyruvate
            M00549  Nucleotide sugar biosynthesis, glucose => UDP-glucose
DISEASE     H00069  Glycogen storage diseases
BRITE       KEGG Orthology (KO) [BR:ko00001]
             09100 Metabolism
              09101 Carbohydrate metabolism
               00010 Glycolysis / Gluconeogenesis
                K00844  HK; hexokinase
               00051 Fructose and mannose metabolism
                K00844  HK; hexokinase
            Enzymes [BR:ko01000]
             2. Transferases
              2.7  Transferring phosphorus-containing groups
               2.7.1  Phosphotransferases with an alcohol group as acceptor
                2.7.1.1  hexokinase
                 K00844  HK; hexokinase
DBLINKS     RN: R00299 R00867 R01326 R01600 R01786 R01961 R02848 R03920
            COG: COG5026
            GO: 0004340 0004396
GENES       HSA: 3098(HK1) 3099(HK2) 3101(HK3) 80201(HKDC1)
            PTR: 450505(HK2) 469356(HK3) 471629(HK1) 742754(HKDC1)
            MMU: 15275(Hk1) 15277(Hk2) 212032(Hk3) 216019(Hkdc1)
            SCE: YFR053C(HXK1) YGL253W(HXK2)
REFERENCE   PMID:3003144
  AUTHORS   Nishi S, Seino S, Bell GI
  TITLE     Human hexokinase: sequences of amino- and carboxyl-terminal halves are
            homologous.
  JOURNAL   Biochem Biophys Res Commun 157:937-43 (1988)
            DOI:10.1016/S0006-291X(88)80964-1
  SEQUENCE  [hsa:3098]
///
ENTRY       K00100                      KO
SYMBOL      bdhAB
NAME        butanol dehydrogenase [EC:1.1.1.-]
PATHWAY     map00650  Butanoate metabolism
            map01100  Metabolic pathways
DBLINKS     COG: COG1454
            GO: 0004022
GENES       CAC: CA_C3298(bdhA) CA_C3299(bdhB)
///
"""

ORTHOLOGY_OLD = """\
ENTRY       K00844                      KO
NAME        HK
DEFINITION  hexokinase [EC:2.7.1.1]
PATHWAY     ko00010  Glycolysis / Gluconeogenesis
            ko00051  Fructose and mannose metabolism
DBLINKS     RN: R00299 R00867 R01326 R01600 R01786 R01961 R02848 R03920
            COG: COG5026
GENES       HSA: 3098(HK1) 3099(HK2) 3101(HK3) 80201(HKDC1)
///
ENTRY       K00845                      KO
NAME        E2.7.1.2, glk
DEFINITION  glucokinase [EC:2.7.1.2]
PATHWAY     ko00010  Glycolysis / Gluconeogenesis
GENES       ECO: b2388(glk)
///
"""

PATHWAYS = """\
ENTRY       map00010                    Pathway
NAME        Glycolysis / Gluconeogenesis
DESCRIPTION Glycolysis is the process of converting glucose into pyruvate and generating
            small amounts of ATP (energy) and NADH (reducing power). It is a central
            pathway that produces important precursor metabolites.
CLASS       Metabolism; Carbohydrate metabolism
PATHWAY_MAP map00010  Glycolysis / Gluconeogenesis
MODULE      M00001  Glycolysis (Embden-Meyerhof pathway), glucose => pyruvate [PATH:map00010]
            M00002  Glycolysis, core module involving three-carbon compounds [PATH:map00010]
            M00307  Pyruvate oxidation, pyruvate => acetyl-CoA [PATH:map00010]
DISEASE     H00069  Glycogen storage diseases
            H00071  Hereditary fructose intolerance
DBLINKS     GO: 0006096 0006094
COMPOUND    C00022  Pyruvate
            C00024  Acetyl-CoA
            C00031  D-Glucose
            C00036  Oxaloacetate
REFERENCE
  AUTHORS   Nishizuka Y (ed).
  TITLE     [Metabolic Maps] (In Japanese)
  JOURNAL   Tokyo Kagaku Dojin (1980)
REFERENCE
  AUTHORS   Michal G.
  TITLE     Biochemical Pathways
  JOURNAL   Wiley (1999)
REL_PATHWAY map00020  Citrate cycle (TCA cycle)
            map00030  Pentose phosphate pathway
            map00620  Pyruvate metabolism
KO_PATHWAY  ko00010
///
ENTRY       hsa00010                    Pathway
NAME        Glycolysis / Gluconeogenesis - Homo sapiens (human)
CLASS       Metabolism; Carbohydrate metabolism
PATHWAY_MAP hsa00010  Glycolysis / Gluconeogenesis
ORGANISM    Homo sapiens (human) [GN:hsa]
GENE        3101  HK3; hexokinase 3 [KO:K00844] [EC:2.7.1.1]
            3098  HK1; hexokinase 1 [KO:K00844] [EC:2.7.1.1]
            3099  HK2; hexokinase 2 [KO:K00844] [EC:2.7.1.1]
            2645  GCK; glucokinase [KO:K12407] [EC:2.7.1.2]
COMPOUND    C00022  Pyruvate
            C00031  D-Glucose
KO_PATHWAY  ko00010
///
"""

REACTIONS = """\
ENTRY       R00299                      Reaction
NAME        ATP:D-glucose 6-phosphotransferase
DEFINITION  ATP + D-Glucose <=> ADP + D-Glucose 6-phosphate
EQUATION    C00002 + C00031 <=> C00008 + C00092
RCLASS      RC00002  C00002_C00008
            RC00017  C00031_C00092
ENZYME      2.7.1.1         2.7.1.2         2.7.1.147       2.7.1.199
PATHWAY     rn00010  Glycolysis / Gluconeogenesis
            rn00052  Galactose metabolism
            rn00500  Starch and sucrose metabolism
            rn01100  Metabolic pathways
            rn01200  Carbon metabolism
MODULE      M00001  Glycolysis (Embden-Meyerhof pathway), glucose => pyruvate
            M00549  Nucleotide sugar biosynthesis, glucose => UDP-glucose
ORTHOLOGY   K00844  HK; hexokinase [EC:2.7.1.1]
            K00845  glk; glucokinase [EC:2.7.1.2]
            K12407  GCK; glucokinase [EC:2.7.1.2]
DBLINKS     RHEA: 17825
///
ENTRY       R00009                      Reaction
NAME        hydrogen-peroxide:hydrogen-peroxide oxidoreductase
DEFINITION  2 Hydrogen peroxide <=> Oxygen + 2 H2O
EQUATION    2 C00027 <=> C00007 + 2 C00001
RCLASS      RC00767  C00007_C00027
ENZYME      1.11.1.6        1.11.1.21
PATHWAY     rn00380  Tryptophan metabolism
            rn00630  Glyoxylate and dicarboxylate metabolism
            rn01100  Metabolic pathways
ORTHOLOGY   K03781  katE, CAT, catB, srpA; catalase [EC:1.11.1.6]
            K03782  katG; catalase-peroxidase [EC:1.11.1.21]
DBLINKS     RHEA: 20309
///
"""

GENES = """\
ENTRY       3098              CDS       T01001
SYMBOL      HK1, HK1-ta, HK1-tb, HK1-tc, HKD, HKI, HMSNR, HXK1, NEDVIBA, RP79
NAME        (RefSeq) hexokinase 1
ORTHOLOGY   K00844  hexokinase [EC:2.7.1.1]
ORGANISM    hsa  Homo sapiens (human)
PATHWAY     hsa00010  Glycolysis / Gluconeogenesis
            hsa00051  Fructose and mannose metabolism
            hsa01100  Metabolic pathways
MODULE      hsa_M00001  Glycolysis (Embden-Meyerhof pathway), glucose => pyruvate
NETWORK     nt06025  Glycolysis
  ELEMENT   N00001  Glycolysis
DISEASE     H00069  Glycogen storage diseases
BRITE       KEGG Orthology (KO) [BR:hsa00001]
             09100 Metabolism
              09101 Carbohydrate metabolism
               00010 Glycolysis / Gluconeogenesis
                3098 (HK1)
            Enzymes [BR:hsa01000]
             2. Transferases
              2.7  Transferring phosphorus-containing groups
               2.7.1  Phosphotransferases with an alcohol group as acceptor
                2.7.1.1  hexokinase
                 3098 (HK1)
POSITION    10:69269984..69401882
MOTIF       Pfam: Hexokinase_2 Hexokinase_1
DBLINKS     NCBI-GeneID: 3098
            NCBI-ProteinID: NP_000179
            OMIM: 142600
            HGNC: 4922
            Ensembl: ENSG00000156515
            UniProt: P19367 A0A804HIK3
STRUCTURE   PDB: 1BG3 1CZA 1DGK 1HKB 1HKC
AASEQ       122
            MIAAQLLAYYFTELKDDQVKKIDKYLYAMRLSDETLIDIMTRFRKEMKNGLSRDFNPTATVK
            MLPTFVRSIPDGSEKGDFIALDLGGSSFRILRVQVNHEKNQNVHMESEVYDTPENIVHGS
NTSEQ       120
            atgatcgccgcgcagctcctggcctattacttcacggagctgaaggatgaccaggtcaaa
            aagattgacaagtatctctatgccatgcggctctccgatgaaactctcatagatatcatg
///
"""

OTHER_DATABASES = """\
ENTRY       M00001            Pathway   Module
NAME        Glycolysis (Embden-Meyerhof pathway), glucose => pyruvate
DEFINITION  (K00844,K12407,K00845,K25026,K00886,K08074,K00918) (K01810,K06859,K13810)
CLASS       Pathway modules; Carbohydrate metabolism; Central carbohydrate metabolism
PATHWAY     map00010  Glycolysis / Gluconeogenesis
            map01100  Metabolic pathways
REACTION    R01786,R02189,R09085  C00267 -> C00668
            R02740  C00668 -> C05345
COMPOUND    C00267  alpha-D-Glucose
            C00668  alpha-D-Glucose 6-phosphate
///
ENTRY       H00069                      Disease
NAME        Glycogen storage diseases
DESCRIPTION Glycogen storage diseases (GSD) are inherited disorders of glycogen metabolism.
CATEGORY    Congenital disorder of metabolism
BRITE       Human diseases [BR:br08402]
             Congenital disorders of metabolism
              Carbohydrate metabolism
               H00069  Glycogen storage diseases
PATHWAY     hsa00010  Glycolysis / Gluconeogenesis
REFERENCE   PMID:17908632
  AUTHORS   Ozen H
  TITLE     Glycogen storage diseases: new perspectives.
  JOURNAL   World J Gastroenterol 13:2541-53 (2007)
///
"""

IRREGULAR = """\
ENTRY       C00001   Compound

FORMULA     H2O
NAME        H2O;
            Water
EXACT_MASS 18.0106
MOL_WEIGHT
COMMENT
PATHWAY     map00190  Oxidative phosphorylation
DBLINKS     CAS: 7732-18-5
          PubChem: 3303
///
"""
"""A compound with irregular layout: a blank line, fields out of order, a value one column
early, empty fields, a continuation indented by fewer than 12 columns."""

KGML = """\
<?xml version="1.0"?>
<!DOCTYPE pathway SYSTEM "https://www.kegg.jp/kegg/xml/KGML_v0.7.2_.dtd">
<!-- Creation date: Mar 4, 2024 16:02:07 +0900 (GMT+9) -->
<pathway name="path:hsa00010" org="hsa" number="00010"
         title="Glycolysis / Gluconeogenesis"
         image="https://www.kegg.jp/kegg/pathway/hsa/hsa00010.png"
         link="https://www.kegg.jp/kegg-bin/show_pathway?hsa00010">
    <entry id="18" name="hsa:3098 hsa:3099 hsa:3101 hsa:80201" type="gene"
        reaction="rn:R01786 rn:R00299"
        link="https://www.kegg.jp/dbget-bin/www_bget?hsa:3098+hsa:3099+hsa:3101+hsa:80201">
        <graphics name="HK1, HK1-ta, HK1-tb, HK1-tc, HKD, HKI, HMSNR, HXK1..."
             fgcolor="#000000" bgcolor="#BFFFBF"
             type="rectangle" x="148" y="244" width="46" height="17"/>
    </entry>
    <entry id="37" name="cpd:C00031" type="compound"
        link="https://www.kegg.jp/dbget-bin/www_bget?C00031">
        <graphics name="C00031" fgcolor="#000000" bgcolor="#FFFFFF"
             type="circle" x="172" y="199" width="8" height="8"/>
    </entry>
    <entry id="38" name="cpd:C00092" type="compound"
        link="https://www.kegg.jp/dbget-bin/www_bget?C00092">
        <graphics name="C00092" fgcolor="#000000" bgcolor="#FFFFFF"
             type="circle" x="172" y="287" width="8" height="8"/>
    </entry>
    <entry id="44" name="path:hsa00030" type="map"
        link="https://www.kegg.jp/dbget-bin/www_bget?hsa00030">
        <graphics name="Pentose phosphate pathway" fgcolor="#000000" bgcolor="#FFFFFF"
             type="roundrectangle" x="530" y="327" width="88" height="34"/>
    </entry>
    <entry id="60" name="hsa:2821" type="gene" reaction="rn:R02740"
        link="https://www.kegg.jp/dbget-bin/www_bget?hsa:2821">
        <graphics name="GPI, AMF, GNPI, PGI, PHI, SIK-43..." fgcolor="#000000"
             bgcolor="#BFFFBF" type="rectangle" x="148" y="328" width="46" height="17"/>
    </entry>
    <entry id="61" name="cpd:C05345" type="compound"
        link="https://www.kegg.jp/dbget-bin/www_bget?C05345">
        <graphics name="C05345" fgcolor="#000000" bgcolor="#FFFFFF"
             type="circle" x="172" y="370" width="8" height="8"/>
    </entry>
    <entry id="90" name="undefined" type="group">
        <graphics fgcolor="#000000" bgcolor="#FFFFFF"
             type="rectangle" x="0" y="0" width="0" height="0"/>
        <component id="18"/>
        <component id="60"/>
    </entry>
    <entry id="95" name="ko:K00844" type="ortholog"
        link="https://www.kegg.jp/dbget-bin/www_bget?K00844">
        <graphics name="K00844" type="line" coords="148,244,172,199,172,287"
             fgcolor="#99CCFF" bgcolor="#FFFFFF"/>
    </entry>
    <relation entry1="18" entry2="60" type="ECrel">
        <subtype name="compound" value="38"/>
    </relation>
    <relation entry1="60" entry2="44" type="maplink">
        <subtype name="compound" value="61"/>
    </relation>
    <relation entry1="18" entry2="60" type="PPrel">
        <subtype name="activation" value="--&gt;"/>
        <subtype name="phosphorylation" value="+p"/>
    </relation>
    <reaction id="18" name="rn:R01786 rn:R00299" type="irreversible">
        <substrate id="37" name="cpd:C00031"/>
        <product id="38" name="cpd:C00092"/>
    </reaction>
    <reaction id="60" name="rn:R02740" type="reversible">
        <substrate id="38" name="cpd:C00092">
            <alt name="cpd:C00668"/>
        </substrate>
        <product id="61" name="cpd:C05345"/>
    </reaction>
</pathway>
"""

LINK_PATHWAY_HSA = (
    "hsa:3098\tpath:hsa00010\n"
    "hsa:3098\tpath:hsa00051\n"
    "hsa:3099\tpath:hsa00010\n"
    "hsa:2645\tpath:hsa00010\n"
)
CONV_NCBI_HSA = "hsa:3098\tncbi-geneid:3098\nhsa:3099\tncbi-geneid:3099\n"
CONV_CHEBI = "cpd:C00031\tchebi:4167\ncpd:C00022\tchebi:15361\n"
LIST_COMPOUND = (
    "C00001\tH2O; Water\n"
    "C00022\tPyruvate; Pyruvic acid; 2-Oxopropanoate\n"
    "C00031\tD-Glucose; Grape sugar; Dextrose; Glucose; D-Glc\n"
)
LIST_HSA = (
    "hsa:3098\tCDS\t10:69269984..69401882\tHK1, HK1-ta, HKD; hexokinase 1\n"
    "hsa:3099\tCDS\t2:74833576..74893359\tHK2, HKII, HXK2; hexokinase 2\n"
)
FIND_GLUCOSE = (
    "cpd:C00031\tD-Glucose; Grape sugar; Dextrose; Glucose; D-Glc\n"
    "cpd:C00221\tbeta-D-Glucose; beta-D-Glucopyranose\n"
)
