"""Citations used by the safety rules and tables, one constant per source.

Keys in brackets ([K21]) refer to the easeoff research note on kratom (kratom.md); "instruments
note" refers to the research note on clinical instruments. Where a fact is only a design
recommendation or a convention, the citation says so.
"""

from __future__ import annotations

KROENKE_2001 = (
    "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen "
    "Intern Med 2001;16(9):606-613"
)
SIMON_2013 = (
    "Simon GE et al. Does response on the PHQ-9 depression questionnaire predict subsequent suicide attempt "
    "or suicide death? Psychiatr Serv 2013;64(12):1195-1202. doi:10.1176/appi.ps.201200587"
)
PHQ9_ITEM9_DESIGN = (
    "easeoff instruments note section 6, 'PHQ-9 item 9 in a digital tool': design recommendations (any value "
    ">= 1 shows crisis resources at once and alerts the clinician; 'prefer not to answer' is itself "
    "flagged), not sourced requirements; Joint Commission NPSG 15.01.01 (2019) for follow-up"
)
WESSON_LING_2003 = (
    "Wesson DR, Ling W. The Clinical Opiate Withdrawal Scale (COWS). J Psychoactive Drugs "
    "2003;35(2):253-259: severity bands printed on the form (25-36 moderately severe, >36 severe)"
)
CTN0094_CONVENTION = (
    "Handelsman L et al. Am J Drug Alcohol Abuse 1987;13(3):293-308 (SOWS 0-64; no published cut-offs). "
    "Threshold: NIDA CTN-0094 data-harmonisation convention (>= 21 'severe', no derivation given; "
    "CTN-0094/public.ctn0094data articles/harmonization.md) - a research convention, not a validated "
    "severity cut-off"
)
SA_HEALTH_WITHDRAWAL = (
    "SA Health (South Australia), 'Opioid withdrawal management': withdrawal is rarely life-threatening "
    "providing adequate hydration and electrolyte balance is maintained (instruments note section 9, "
    "VERIFIED). "
    "https://www.sahealth.sa.gov.au/wps/wcm/connect/public+content/sa+health+internet/clinical+resources/clinical+programs+and+practice+guidelines/substance+misuse+and+dependence/substance+withdrawal+management/opioid+withdrawal+management"
)
SA_STG = (
    "South African hospital-level adult standard treatment guideline, opioid withdrawal (instruments note "
    "section 9, PARTIAL: secondary host). "
    "http://www.duckeggcontent.com/guidelines/hospital-level-adult-guidelines/psychiatric-disorders/substance-misuse/opiate-withdrawaleg-heroin"
)
FDA_DSC_2019_TAPER = (
    "FDA Drug Safety Communication 2019-04-09: harm reported from sudden discontinuation of opioid pain "
    "medicines (serious withdrawal, uncontrolled pain, psychological distress, suicide). "
    "https://www.fda.gov/drugs/drug-safety-and-availability/fda-identifies-harm-reported-sudden-discontinuation-opioid-pain-medicines-and-requires-label-changes"
)
ASAM_2023 = (
    "Weimer MB et al. ASAM Clinical Considerations: buprenorphine treatment of opioid use disorder for "
    "individuals using high-potency synthetic opioids. J Addict Med 2023;17(6):632-639. "
    "doi:10.1097/ADM.0000000000001202"
)
PRECIPITATED_RED_FLAG = (
    "instruments note section 9: sudden severe withdrawal after buprenorphine, naltrexone or naloxone "
    "(precipitated withdrawal) is 'potentially life threatening' (UpToDate summary mirror, PARTIAL); "
    f"intractable cases go to the ED or hospital ({ASAM_2023})"
)
LUCEMYRA_LABEL = (
    "LUCEMYRA (lofexidine) prescribing information: warnings for hypotension, bradycardia and syncope, QT "
    "prolongation, and increased risk of opioid overdose after opioid discontinuation (loss of tolerance) "
    "(instruments note sections 8-9, VERIFIED via label); FDA approval 2018-05-16 for up to 14 days, with "
    "hypotension, bradycardia and syncope among reported effects"
)
VIVITROL_LABEL = (
    "VIVITROL (naltrexone) prescribing information, section 5.1 'Vulnerability to opioid overdose': after "
    "opioid detoxification patients are likely to have reduced tolerance to opioids "
    "(https://prescriberpoint.com/therapies/vivitrol-cd11c43, label revision 12/2025)"
)
OVERDOSE_SIGNS = (
    "California Department of Public Health, 'Opioid overdose prevention': signs of overdose (slow or "
    "stopped breathing, blue or grey lips and nails, pinpoint pupils, no response) "
    "https://www.cdph.ca.gov/Programs/CCDPHP/opioids/Pages/Prevention.aspx ; ASAM Opioid Use Disorder "
    "Patient Guide (2025), 'How to recognize an overdose'"
)

K15_RESPIRATORY = (
    "[K15] Hill R et al. Respiratory depressant effects of mitragynine and 7-OH mitragynine in mice. Br J "
    "Pharmacol 2022 (PMC9314834): 7-OH depressed breathing dose-dependently with no ceiling"
)
K18_TANNA_REVIEW = (
    "[K18] Tanna RS et al. Translating kratom-drug interactions: from bedside to bench and back. Drug Metab "
    "Dispos 2023;51(8):923-935. doi:10.1124/dmd.122.001005"
)
K19_EXTRACT_CYP = (
    "[K19] Inhibition of recombinant human CYPs by M. speciosa alkaloid extract, Molecules (PMC6264431): "
    "CYP3A4 IC50 0.78 ug/mL, CYP2D6 0.636 ug/mL"
)
K20_TANNA_2021 = (
    "[K20] Tanna RS et al. Refined prediction of pharmacokinetic kratom-drug interactions: time-dependent "
    "inhibition considerations. J Pharmacol Exp Ther 2021;376(1):64"
)
K21_TANNA_2023 = (
    "[K21] Tanna RS et al. Clinical assessment of the drug interaction potential of the psychotropic natural "
    "product kratom. Clin Pharmacol Ther 2023;113(6):1315-1325. doi:10.1002/cpt.2891 (midazolam AUC x1.39 "
    "after one 2 g kratom tea; dextromethorphan unchanged, GMR 0.99)"
)
K40_CDC = (
    "[K40] Olsen EO et al. Notes from the field: unintentional drug overdose deaths with kratom detected, 27 "
    "states. MMWR 2019;68:326-327 (https://www.cdc.gov/mmwr/volumes/68/wr/mm6814a2.htm)"
)
K42_GRUNDMANN = (
    "[K42] Grundmann O. Patterns of kratom use and health impact in the US: results from an online survey. "
    "Drug Alcohol Depend 2017;176:63-70 (negative effects mainly at >= 5 g per dose and >= 22 doses per week)"
)
K46_ROGERS = (
    "[K46] Rogers JM et al. Kratom addiction per DSM-5 SUD criteria, and kratom physical dependence: "
    "insights from dosing amount versus frequency. Drug Alcohol Depend 2024:111329 (frequency predicts "
    "withdrawal and kratom use disorder more than amount)"
)
K47_SINGH = (
    "[K47] Singh D, Mueller CP, Vicknasingam BK. Kratom (Mitragyna speciosa) dependence, withdrawal symptoms "
    "and craving in regular users. Drug Alcohol Depend 2014;139:132-137 (>= 3 glasses a day raised the odds "
    "of severe dependence)"
)
K50_K53_LIVER = (
    "[K50] Gandhi D et al. World J Hepatol 2020;12(10):863-869; [K51] LiverTox kratom case 6972 "
    "(https://livertox.niddk.nih.gov/Home/ReferenceCases/kratom/6972); [K53] Fernandes CT et al. J Investig "
    "Med High Impact Case Rep 2019: cholestatic liver injury (jaundice, itching) days to weeks after "
    "starting kratom"
)
K54_FDA_2017 = (
    "[K54] FDA Commissioner statement on kratom, 2017-11-14 (deaths; seizures; 'no reliable evidence' for "
    "opioid use disorder)"
)
K57_POST = (
    "[K57] Post S et al. Kratom exposures reported to United States poison control centers: 2011-2017. Clin "
    "Toxicol 2019;57(10):847-854 (multi-substance exposures: OR 2.80 admission, 2.25 serious outcome; "
    "seizures; 5 of 7 neonatal exposures had withdrawal)"
)
K60_TEXAS = (
    "[K60] Texas DSHS health alert, serious illnesses associated with 7-OH use, 2025 "
    "(https://www.dshs.texas.gov/news-alerts/serious-illnesses-associated-7-oh-use): leaf products under 2 % "
    "7-OH of alkaloids, synthetic or semi-synthetic 7-OH products up to 98 %"
)
K61_FDA_LETTER = "[K61] FDA warning letter to 7Tabz Retail, 2025-06-25 (tablets of 15 mg and 30 mg 7-OH)"
K64_FDA_BOXED = (
    "[K64] FDA Drug Safety Communication 2016-08-31: boxed warnings, opioids with benzodiazepines or other "
    "CNS depressants cause slowed or difficult breathing and deaths"
)
K65_FDA_GABAPENTINOIDS = (
    "[K65] FDA Drug Safety Communication 2019-12-19: serious breathing problems with gabapentin and "
    "pregabalin in people using opioids or other CNS depressants "
    "(https://fda.gov/drugs/drug-safety-and-availability/fda-warns-about-serious-breathing-problems-seizure-and-nerve-pain-medicines-gabapentin-neurontin)"
)
K122_K127_SCHEDULING = (
    "[K126] DEA temporary scheduling order, FR Doc 2026-17429 (MP, MGM-15, MGM-16 Schedule I from "
    "2026-08-26); [K127] DEA notices filed 2026-10-09 on 7-OH above a threshold (status after 2026-10-10 "
    "unverified)"
)
