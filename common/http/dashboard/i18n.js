// The dashboard's words in Thai (the default) and English, and how numbers and days are written.

const WORDS = {
  th: {
    title: 'ความพร้อมทักษะดิจิทัล',
    subtitle: 'สำหรับสำนักงาน CIO',
    switchLanguage: 'English',
    print: 'พิมพ์',
    signOut: 'ออกจากระบบ',
    signIn: 'เข้าสู่ระบบ',
    signInIntro: 'ใส่โทเค็นที่ได้รับจากผู้ดูแลระบบ ระบบจะจำการเข้าใช้ไว้ในเบราว์เซอร์นี้ไม่เกิน 8 ชั่วโมง',
    token: 'โทเค็น',
    badToken: 'โทเค็นไม่ถูกต้อง หมดอายุ หรือถูกเพิกถอน',
    sessionEnded: 'หมดเวลาการเข้าใช้ กรุณาเข้าสู่ระบบอีกครั้ง',
    signedOut: 'ออกจากระบบแล้ว',
    loading: 'กำลังโหลด…',
    denied: 'ไม่มีสิทธิ์ดูข้อมูลของหน่วยงานนี้',
    notFound: 'ไม่พบหน่วยงานนี้',
    failed: 'โหลดข้อมูลไม่สำเร็จ',
    country: 'ทั้งประเทศ',
    dataAsOf: 'ข้อมูล ณ',
    pending: (n, seconds) => `รอประมวลผล ${n} รายการ (ค้างนานสุด ${seconds} วินาที)`,
    upToDate: 'เป็นปัจจุบัน',
    heatMap: 'สัดส่วนผู้ที่ผ่านเป้าหมาย ตามกลุ่มบุคลากรและชุดทักษะ',
    framework: 'กรอบทักษะ',
    group: 'กลุ่มบุคลากร',
    allGroups: 'ทุกกลุ่ม',
    skillSet: 'ชุดทักษะ',
    allSkillSets: 'ทุกชุดทักษะ',
    total: 'รวม',
    target: 'เป้า',
    targetByRoleProfile: 'เป้าตามบทบาท',
    noTarget: 'ยังไม่ประกาศเป้าหมาย',
    provisional: '* เป้าหมายชั่วคราว ยังไม่ใช่ค่าที่ประกาศอย่างเป็นทางการ',
    countedInEachGroup: 'ผู้ที่ปฏิบัติงานมากกว่าหนึ่งกลุ่มบุคลากรนับในทุกกลุ่มที่ปฏิบัติงาน ผลรวมของกลุ่มจึงมากกว่าจำนวนคน',
    furtherGroup: 'กลุ่มที่ปฏิบัติงานเพิ่ม',
    targetsOf: (period) => `ระดับเป้าหมายที่แสดงเป็นของ${period}ที่หน่วยงานนี้ประกาศ หน่วยงานในสังกัดที่ประกาศระยะอื่นวัดกับเป้าหมายของระยะนั้น`,
    periods: { PERIOD_EARLY: 'ระยะปีที่ ๑-๒', PERIOD_DEVELOPING: 'ระยะปีที่ ๓-๕', PERIOD_MATURING: 'ระยะปีที่ ๖-๑๐' },
    signOutFailed: 'ออกจากระบบที่เซิร์ฟเวอร์ไม่สำเร็จ เบราว์เซอร์นี้ไม่เก็บการเข้าใช้แล้ว แต่ควรแจ้งผู้ดูแลระบบให้เพิกถอน:',
    withoutPeriod: 'หน่วยงานที่ยังไม่ประกาศระยะการพัฒนา (บุคลากรยังไม่มีเป้าหมาย):',
    meetsOf: (meets, judged) => `${meets} จาก ${judged} คน`,
    children: 'หน่วยงานในสังกัด',
    agency: 'หน่วยงาน',
    directlyAttached: 'สังกัดโดยตรง',
    headcount: 'จำนวนที่นับ (คน × กลุ่ม × ชุดทักษะ)',
    meets: 'ผ่านเป้าหมาย',
    share: 'สัดส่วน',
    trend: 'แนวโน้มรายเดือน',
    shareReady: 'สัดส่วนผู้ผ่านเป้าหมาย (%)',
    learningMix: 'การพัฒนาตามแผน 70:20:10',
    plans: 'แผนพัฒนารายบุคคล',
    plansMeetingMix: 'แผนที่สัดส่วนเป็นไปตาม 70:20:10',
    appliedAtWork: (applied, completed, percent) =>
      `นำไปใช้ในงาน (ผู้บังคับบัญชายืนยันแล้ว): ${applied} จาก ${completed} กิจกรรมการพัฒนาที่เสร็จสิ้น (${percent}%)`,
    plansCoveringFoundation: 'แผนที่ครอบคลุมชุดทักษะพื้นฐาน',
    hours: 'ชั่วโมง',
    modes: { experiential: 'เรียนรู้จากการทำงาน (70)', social: 'เรียนรู้จากผู้อื่น (20)', formal: 'เรียนในหลักสูตร (10)' },
    planStatus: {
      PLAN_STATUS_DRAFT: 'ร่าง', PLAN_STATUS_SUBMITTED: 'ส่งแล้ว', PLAN_STATUS_APPROVED: 'อนุมัติแล้ว',
      PLAN_STATUS_ACTIVE: 'ดำเนินการ', PLAN_STATUS_COMPLETED: 'เสร็จสิ้น',
      PLAN_STATUS_CANCELLED: 'ยกเลิก', PLAN_STATUS_SUPERSEDED: 'มีฉบับใหม่แทน',
    },
    exportCsv: 'ส่งออก CSV',
    gaps: 'ผู้ที่ยังไม่ผ่านเป้าหมาย',
    gapsNote: 'ข้อมูลส่วนบุคคล: การเปิดดูแต่ละหน้าถูกบันทึกไว้ในประวัติการเข้าถึง',
    showGaps: 'ดูรายชื่อผู้ที่ยังไม่ผ่านเป้าหมาย',
    backToAgency: 'กลับไปที่ภาพรวม',
    person: 'รหัสบุคคล',
    level: 'ระดับ',
    gap: 'ขาด',
    lastAssessed: 'ประเมินล่าสุด',
    notAssessed: 'ยังไม่ได้ประเมิน',
    filter: 'กรอง',
    previous: '‹ ก่อนหน้า',
    next: 'ถัดไป ›',
    page: (n) => `หน้า ${n}`,
    noGaps: 'ไม่มีผู้ที่ต่ำกว่าเป้าหมาย',
    noPeople: 'ยังไม่มีบุคลากร',
    groups: {
      PERSONNEL_GROUP_EXECUTIVE: 'ผู้บริหารระดับสูง',
      PERSONNEL_GROUP_MANAGEMENT: 'ผู้อำนวยการกอง',
      PERSONNEL_GROUP_ACADEMIC: 'ผู้ทำงานด้านนโยบายและวิชาการ',
      PERSONNEL_GROUP_SERVICE: 'ผู้ทำงานด้านบริการ',
      PERSONNEL_GROUP_TECHNOLOGY: 'ผู้ปฏิบัติงานด้านเทคโนโลยีดิจิทัล',
      PERSONNEL_GROUP_OTHERS: 'ผู้ปฏิบัติงานอื่น',
    },
  },
  en: {
    title: 'Digital skills readiness',
    subtitle: 'for CIO offices',
    switchLanguage: 'ไทย',
    print: 'Print',
    signOut: 'Sign out',
    signIn: 'Sign in',
    signInIntro: 'Enter the token your administrator gave you. This browser keeps you signed in for at most 8 hours.',
    token: 'Token',
    badToken: 'The token is wrong, expired or revoked',
    sessionEnded: 'Your session has ended; please sign in again',
    signedOut: 'Signed out',
    loading: 'Loading…',
    denied: 'You may not see this agency',
    notFound: 'No such agency',
    failed: 'The data could not be loaded',
    country: 'Whole country',
    dataAsOf: 'Data as of',
    pending: (n, seconds) => `${n} changes waiting (oldest ${seconds} s)`,
    upToDate: 'up to date',
    heatMap: 'Share of people meeting their target, by personnel group and skill set',
    framework: 'Framework',
    group: 'Personnel group',
    allGroups: 'All groups',
    skillSet: 'Skill set',
    allSkillSets: 'All skill sets',
    total: 'Total',
    target: 'target',
    targetByRoleProfile: 'target by role profile',
    noTarget: 'no target declared',
    provisional: '* Provisional targets, not yet the official ones',
    countedInEachGroup: 'People who serve in more than one personnel group count in each of them, so the groups add up to more than the people',
    furtherGroup: 'further group',
    targetsOf: (period) => `Target levels shown are those of the ${period} this agency declared; agencies below in another period are measured against that period's targets`,
    periods: { PERIOD_EARLY: 'period of years 1-2', PERIOD_DEVELOPING: 'period of years 3-5', PERIOD_MATURING: 'period of years 6-10' },
    signOutFailed: 'The server could not end the session. This browser no longer keeps it, but ask your administrator to revoke it:',
    withoutPeriod: 'Agencies without a declared development period (their people have no target):',
    meetsOf: (meets, judged) => `${meets} of ${judged}`,
    children: 'Agencies below',
    agency: 'Agency',
    directlyAttached: 'Attached directly',
    headcount: 'Counted (people × groups × skill sets)',
    meets: 'Meeting target',
    share: 'Share',
    trend: 'Monthly trend',
    shareReady: 'Share meeting target (%)',
    learningMix: 'Learning against 70:20:10',
    plans: 'Development plans',
    plansMeetingMix: 'Plans keeping 70:20:10',
    appliedAtWork: (applied, completed, percent) =>
      `Applied at work (confirmed by the supervisor): ${applied} of ${completed} completed development activities (${percent}%)`,
    plansCoveringFoundation: 'Plans covering the foundation skill sets',
    hours: 'hours',
    modes: { experiential: 'Experiential (70)', social: 'Social (20)', formal: 'Formal (10)' },
    planStatus: {
      PLAN_STATUS_DRAFT: 'Draft', PLAN_STATUS_SUBMITTED: 'Submitted', PLAN_STATUS_APPROVED: 'Approved',
      PLAN_STATUS_ACTIVE: 'Active', PLAN_STATUS_COMPLETED: 'Completed',
      PLAN_STATUS_CANCELLED: 'Cancelled', PLAN_STATUS_SUPERSEDED: 'Superseded',
    },
    exportCsv: 'Export CSV',
    gaps: 'People below target',
    gapsNote: 'Personal data: each page you open is recorded in the audit trail',
    showGaps: 'List the people below target',
    backToAgency: 'Back to the overview',
    person: 'Person id',
    level: 'Level',
    gap: 'Gap',
    lastAssessed: 'Last assessed',
    notAssessed: 'not assessed',
    filter: 'Filter',
    previous: '‹ Previous',
    next: 'Next ›',
    page: (n) => `Page ${n}`,
    noGaps: 'Nobody is below target',
    noPeople: 'No people yet',
    groups: {
      PERSONNEL_GROUP_EXECUTIVE: 'Executives',
      PERSONNEL_GROUP_MANAGEMENT: 'Division directors',
      PERSONNEL_GROUP_ACADEMIC: 'Policy and academic',
      PERSONNEL_GROUP_SERVICE: 'Service',
      PERSONNEL_GROUP_TECHNOLOGY: 'Digital technology',
      PERSONNEL_GROUP_OTHERS: 'Others',
    },
  },
};

export const GROUPS = Object.keys(WORDS.th.groups);

let language = localStorage.getItem('thaksa.language') === 'en' ? 'en' : 'th';

export function currentLanguage() {
  return language;
}

export function setLanguage(next) {
  language = next;
  localStorage.setItem('thaksa.language', next);
  document.documentElement.lang = next;
}

// The word for `key` in the current language.
export function t(key) {
  return WORDS[language][key];
}

// The Thai or English text of a LocalizedText ({th, en}), Thai when there is no English.
export function localized(text) {
  if (!text) return '';
  return (language === 'en' && text.en) || text.th || text.en || '';
}

function locale() {
  return language === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB';
}

export function formatNumber(n) {
  return new Intl.NumberFormat(locale()).format(Number(n));
}

// A share 0-1 as a whole percentage.
export function formatPercent(share) {
  return `${Math.round(Number(share) * 100)}%`;
}

// A day ({year, month, day}) in the current language (Buddhist era in Thai).
export function formatDay(date, monthOnly = false) {
  if (!date || !date.year) return '';
  const options = monthOnly ? { year: 'numeric', month: 'short' } : { year: 'numeric', month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat(locale(), options).format(new Date(date.year, date.month - 1, date.day));
}

export function formatTime(unixMicros) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' })
    .format(new Date(Number(unixMicros) / 1000));
}
